using System.Globalization;
using Ferry.Core.Casting;
using NpgsqlTypes;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Builds the transfer for a column from its source kind, the CLR type the source client reports for it, and the
/// target kind (which differs only when a reviewed mapping changed the type, e.g. text to date: then the value is
/// parsed, and a value that does not parse is a bad value).
/// </summary>
internal static class TransferFactory
{
    public static ColumnTransfer Create(ValueKind source, ValueKind target, Type fieldType)
    {
        if (source == ValueKind.Text && target is not (ValueKind.Text or ValueKind.Json or ValueKind.Xml))
        {
            return FromText(target);
        }

        return target switch
        {
            ValueKind.Boolean => new ColumnTransfer<bool>((r, i) => r.GetBoolean(i), NpgsqlDbType.Boolean, target),
            ValueKind.Int16 => fieldType == typeof(byte)
                ? new ColumnTransfer<short>((r, i) => r.GetByte(i), NpgsqlDbType.Smallint, target)
                : new ColumnTransfer<short>((r, i) => r.GetInt16(i), NpgsqlDbType.Smallint, target),
            ValueKind.Int32 => new ColumnTransfer<int>((r, i) => r.GetInt32(i), NpgsqlDbType.Integer, target),
            ValueKind.Int64 => new ColumnTransfer<long>((r, i) => r.GetInt64(i), NpgsqlDbType.Bigint, target),
            ValueKind.Decimal => new ColumnTransfer<decimal>((r, i) => r.GetDecimal(i), NpgsqlDbType.Numeric, target),
            ValueKind.Single => new ColumnTransfer<float>((r, i) => r.GetFloat(i), NpgsqlDbType.Real, target),
            ValueKind.Double => fieldType == typeof(float)
                ? new ColumnTransfer<double>((r, i) => r.GetFloat(i), NpgsqlDbType.Double, target)
                : new ColumnTransfer<double>((r, i) => r.GetDouble(i), NpgsqlDbType.Double, target),
            ValueKind.Date => new ColumnTransfer<DateOnly>((r, i) => DateOnly.FromDateTime(r.GetDateTime(i)), NpgsqlDbType.Date, target),
            ValueKind.Time => new ColumnTransfer<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), NpgsqlDbType.Time, target),
            ValueKind.Interval => new ColumnTransfer<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), NpgsqlDbType.Interval, target),
            ValueKind.Timestamp => new ColumnTransfer<DateTime>((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, target),
            ValueKind.TimestampTz => fieldType == typeof(DateTimeOffset)
                ? new ColumnTransfer<DateTime>((r, i) => r.GetFieldValue<DateTimeOffset>(i).UtcDateTime, NpgsqlDbType.TimestampTz, target)
                : new ColumnTransfer<DateTime>((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc), NpgsqlDbType.TimestampTz, target),
            ValueKind.Bytes => new ColumnTransfer<byte[]>((r, i) => r.GetFieldValue<byte[]>(i), NpgsqlDbType.Bytea, target),
            ValueKind.Uuid => new ColumnTransfer<Guid>((r, i) => r.GetGuid(i), NpgsqlDbType.Uuid, target),
            ValueKind.Json => new ColumnTransfer<string>((r, i) => r.GetString(i), NpgsqlDbType.Jsonb, target),
            ValueKind.Xml => new ColumnTransfer<string>((r, i) => r.GetString(i), NpgsqlDbType.Xml, target),
            _ => new ColumnTransfer<string>((r, i) => r.GetString(i), NpgsqlDbType.Text, target),
        };
    }

    private static ColumnTransfer FromText(ValueKind target)
    {
        var inv = CultureInfo.InvariantCulture;
        ColumnTransfer<T> Parse<T>(Func<string, T> parse, NpgsqlDbType type)
            where T : notnull => new((_, _) => throw new InvalidOperationException("parsed transfer reads text"), type, target, parse);
        return target switch
        {
            ValueKind.Date => Parse(t => DateOnly.ParseExact(t.Trim(), "yyyy-MM-dd", inv), NpgsqlDbType.Date),
            ValueKind.Timestamp => Parse(t => DateTime.Parse(t.Trim(), inv, DateTimeStyles.None), NpgsqlDbType.Timestamp),
            ValueKind.Int16 => Parse(t => short.Parse(t.Trim(), inv), NpgsqlDbType.Smallint),
            ValueKind.Int32 => Parse(t => int.Parse(t.Trim(), inv), NpgsqlDbType.Integer),
            ValueKind.Int64 => Parse(t => long.Parse(t.Trim(), inv), NpgsqlDbType.Bigint),
            ValueKind.Decimal => Parse(t => decimal.Parse(t.Trim(), NumberStyles.Number, inv), NpgsqlDbType.Numeric),
            ValueKind.Boolean => Parse(ParseBool, NpgsqlDbType.Boolean),
            ValueKind.Uuid => Parse(t => Guid.Parse(t.Trim()), NpgsqlDbType.Uuid),
            _ => throw new NotSupportedException($"text cannot be converted to {target}"),
        };
    }

    private static bool ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "t" or "y" or "yes" => true,
        "0" or "false" or "f" or "n" or "no" => false,
        _ => throw new FormatException($"'{text}' is not a boolean"),
    };
}
