using Ferry.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Postgres.Source;

/// <summary>
/// A key bound sent as its column's type, as the SQL Server adapter does: a <c>character(n)</c> key compared with a
/// <c>text</c> parameter is cast to text first, which no index on the column serves. Types outside the stand-in's
/// type table keep the type Npgsql infers from the value.
/// </summary>
internal static class PostgresKeyParameter
{
    private static readonly Dictionary<string, NpgsqlDbType> Types = new(StringComparer.Ordinal)
    {
        ["boolean"] = NpgsqlDbType.Boolean,
        ["smallint"] = NpgsqlDbType.Smallint,
        ["integer"] = NpgsqlDbType.Integer,
        ["bigint"] = NpgsqlDbType.Bigint,
        ["numeric"] = NpgsqlDbType.Numeric,
        ["money"] = NpgsqlDbType.Money,
        ["real"] = NpgsqlDbType.Real,
        ["double precision"] = NpgsqlDbType.Double,
        ["date"] = NpgsqlDbType.Date,
        ["time without time zone"] = NpgsqlDbType.Time,
        ["timestamp without time zone"] = NpgsqlDbType.Timestamp,
        ["timestamp with time zone"] = NpgsqlDbType.TimestampTz,
        ["interval"] = NpgsqlDbType.Interval,
        ["character"] = NpgsqlDbType.Char,
        ["character varying"] = NpgsqlDbType.Varchar,
        ["text"] = NpgsqlDbType.Text,
        ["bytea"] = NpgsqlDbType.Bytea,
        ["uuid"] = NpgsqlDbType.Uuid,
    };

    public static NpgsqlParameter Create(string name, object? value, SourceColumn column)
    {
        var parameter = new NpgsqlParameter(name, value ?? DBNull.Value);
        if (Types.TryGetValue(column.DataType, out var type))
        {
            parameter.NpgsqlDbType = type;
        }

        return parameter;
    }
}
