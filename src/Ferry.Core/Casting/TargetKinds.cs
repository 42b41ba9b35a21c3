namespace Ferry.Core.Casting;

/// <summary>The value kind a PostgreSQL target type takes, so a reviewed mapping may change a column's type (say text to date).</summary>
public static class TargetKinds
{
    public static ValueKind Of(string targetType)
    {
        var t = targetType.Trim().ToLowerInvariant();
        var paren = t.IndexOf('(');
        var name = (paren < 0 ? t : t[..paren]).Trim();
        return name switch
        {
            "boolean" or "bool" => ValueKind.Boolean,
            "smallint" or "int2" => ValueKind.Int16,
            "integer" or "int" or "int4" => ValueKind.Int32,
            "bigint" or "int8" => ValueKind.Int64,
            "numeric" or "decimal" => ValueKind.Decimal,
            "real" or "float4" => ValueKind.Single,
            "double precision" or "float8" => ValueKind.Double,
            "date" => ValueKind.Date,
            "time" or "time without time zone" => ValueKind.Time,
            "timestamp" or "timestamp without time zone" => ValueKind.Timestamp,
            "timestamptz" or "timestamp with time zone" => ValueKind.TimestampTz,
            "bytea" => ValueKind.Bytes,
            "uuid" => ValueKind.Uuid,
            "jsonb" or "json" => ValueKind.Json,
            "xml" => ValueKind.Xml,
            "interval" => ValueKind.Interval,
            _ => ValueKind.Text,
        };
    }
}
