using System.Data.Common;
using System.Globalization;
using Ferry.Core.Casting;
using Ferry.Core.Mapping;

namespace Ferry.Engine.Verification;

/// <summary>
/// The column readers of both sides. The source side reads each value the way the load reads it (the same client
/// calls, the same text parsing when a reviewed mapping changed a text column's type), so the value and the canonical
/// key are the load's; from there the canonical form models what PostgreSQL made of it. The target side reads each
/// value back in its PostgreSQL type. Key text follows <see cref="CanonicalKey"/> exactly as the load builds it.
/// </summary>
internal static class ColumnReaders
{
    public static ColumnReader Source(ValueKind source, ValueKind target, Type fieldType)
    {
        if (source == ValueKind.Text && target is not (ValueKind.Text or ValueKind.Json or ValueKind.Xml))
        {
            return FromText(target);
        }

        return target switch
        {
            ValueKind.Int16 when fieldType == typeof(byte) => Integer((r, i) => r.GetByte(i)),
            ValueKind.Double when fieldType == typeof(float) => Double((r, i) => r.GetFloat(i)),
            ValueKind.Date => Date((r, i) => DateOnly.FromDateTime(r.GetDateTime(i))),
            ValueKind.Timestamp => Timestamp((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified)),
            ValueKind.TimestampTz => fieldType == typeof(DateTimeOffset)
                ? Timestamp((r, i) => r.GetFieldValue<DateTimeOffset>(i).UtcDateTime)
                : Timestamp((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc)),
            _ => Common(target),
        };
    }

    public static ColumnReader Target(ValueKind target) => target switch
    {
        ValueKind.Date => Date((r, i) => r.GetFieldValue<DateOnly>(i)),
        ValueKind.Timestamp => Timestamp((r, i) => r.GetDateTime(i)),
        ValueKind.TimestampTz => Timestamp((r, i) => r.GetDateTime(i)),
        _ => Common(target),
    };

    private static ColumnReader Common(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => new ColumnReader<bool>((r, i) => r.GetBoolean(i), (w, v) => w.Boolean(v), (k, v) => k.Add(v, kind)),
        ValueKind.Int16 => Integer((r, i) => r.GetInt16(i)),
        ValueKind.Int32 => Integer((r, i) => r.GetInt32(i)),
        ValueKind.Int64 => Integer((r, i) => r.GetInt64(i)),
        ValueKind.Decimal => new ColumnReader<decimal>((r, i) => r.GetDecimal(i), (w, v) => w.Decimal(v), (k, v) => k.AddDecimal(v)),
        ValueKind.Single => new ColumnReader<float>((r, i) => r.GetFloat(i), (w, v) => w.Single(v), (k, v) => k.Add(v, kind)),
        ValueKind.Double => Double((r, i) => r.GetDouble(i)),
        ValueKind.Time => new ColumnReader<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), (w, v) => w.Time(v), (k, v) => k.Add(v, kind)),
        ValueKind.Interval => new ColumnReader<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), (w, v) => w.Interval(v), (k, v) => k.Add(v, kind)),
        ValueKind.Bytes => new ColumnReader<byte[]>((r, i) => r.GetFieldValue<byte[]>(i), (w, v) => w.Bytes(v), (k, v) => k.Add(v, kind)),
        ValueKind.Uuid => new ColumnReader<Guid>((r, i) => r.GetGuid(i), (w, v) => w.Uuid(v), (k, v) => k.AddUuid(v)),
        ValueKind.Json => new ColumnReader<string>((r, i) => r.GetString(i), (w, v) => w.Json(v), (k, v) => k.AddText(v)),
        _ => new ColumnReader<string>((r, i) => r.GetString(i), (w, v) => w.Text(v), (k, v) => k.AddText(v)),
    };

    // Text read and parsed into the target kind, as the load does for a reviewed mapping (see TransferFactory).
    private static ColumnReader FromText(ValueKind target)
    {
        var inv = CultureInfo.InvariantCulture;
        return target switch
        {
            ValueKind.Date => Date((r, i) => DateOnly.ParseExact(r.GetString(i).Trim(), "yyyy-MM-dd", inv)),
            ValueKind.Timestamp => Timestamp((r, i) => DateTime.Parse(r.GetString(i).Trim(), inv, DateTimeStyles.None)),
            ValueKind.Int16 => Integer((r, i) => short.Parse(r.GetString(i).Trim(), inv)),
            ValueKind.Int32 => Integer((r, i) => int.Parse(r.GetString(i).Trim(), inv)),
            ValueKind.Int64 => Integer((r, i) => long.Parse(r.GetString(i).Trim(), inv)),
            ValueKind.Decimal => new ColumnReader<decimal>((r, i) => decimal.Parse(r.GetString(i).Trim(), NumberStyles.Number, inv), (w, v) => w.Decimal(v), (k, v) => k.AddDecimal(v)),
            ValueKind.Boolean => new ColumnReader<bool>((r, i) => ParseBool(r.GetString(i)), (w, v) => w.Boolean(v), (k, v) => k.Add(v, target)),
            ValueKind.Uuid => new ColumnReader<Guid>((r, i) => Guid.Parse(r.GetString(i).Trim()), (w, v) => w.Uuid(v), (k, v) => k.AddUuid(v)),
            _ => new ColumnReader<string>((_, _) => throw new FormatException($"text cannot be converted to {target}"), (w, v) => w.Text(v), (k, v) => k.AddText(v)),
        };
    }

    private static ColumnReader<long> Integer(Func<DbDataReader, int, long> read) =>
        new(read, (w, v) => w.Integer(v), (k, v) => k.AddInt64(v));

    private static ColumnReader<double> Double(Func<DbDataReader, int, double> read) =>
        new(read, (w, v) => w.Double(v), (k, v) => k.Add(v, ValueKind.Double));

    private static ColumnReader<DateOnly> Date(Func<DbDataReader, int, DateOnly> read) =>
        new(read, (w, v) => w.Date(v), (k, v) => k.AddDateTime(v.ToDateTime(TimeOnly.MinValue), true));

    private static ColumnReader<DateTime> Timestamp(Func<DbDataReader, int, DateTime> read) =>
        new(read, (w, v) => w.Timestamp(v), (k, v) => k.AddDateTime(v, false));

    private static bool ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "t" or "y" or "yes" => true,
        "0" or "false" or "f" or "n" or "no" => false,
        _ => throw new FormatException($"'{text}' is not a boolean"),
    };
}
