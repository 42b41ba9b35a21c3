using System.Globalization;
using Ferry.Core.Casting;
using Ferry.Postgres.Target;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Builds the transfer for a column from its source kind, the CLR type the source client reports for it, and the
/// target kind (which differs only when a reviewed mapping changed the type, e.g. text to date: then the value is
/// parsed, and a value that does not parse is a bad value).
/// </summary>
internal static class TransferFactory
{
    /// <summary>The writer call for each target encoding.</summary>
    private static class W
    {
        public static readonly Action<BinaryCopyWriter, bool> Boolean = (w, v) => w.WriteBoolean(v);
        public static readonly Action<BinaryCopyWriter, short> Int16 = (w, v) => w.WriteInt16(v);
        public static readonly Action<BinaryCopyWriter, int> Int32 = (w, v) => w.WriteInt32(v);
        public static readonly Action<BinaryCopyWriter, long> Int64 = (w, v) => w.WriteInt64(v);
        public static readonly Action<BinaryCopyWriter, decimal> Numeric = (w, v) => w.WriteNumeric(v);
        public static readonly Action<BinaryCopyWriter, float> Single = (w, v) => w.WriteSingle(v);
        public static readonly Action<BinaryCopyWriter, double> Double = (w, v) => w.WriteDouble(v);
        public static readonly Action<BinaryCopyWriter, DateOnly> Date = (w, v) => w.WriteDate(v);
        public static readonly Action<BinaryCopyWriter, TimeSpan> Time = (w, v) => w.WriteTime(v);
        public static readonly Action<BinaryCopyWriter, TimeSpan> Interval = (w, v) => w.WriteInterval(v);
        public static readonly Action<BinaryCopyWriter, DateTime> Timestamp = (w, v) => w.WriteTimestamp(v);
        public static readonly Action<BinaryCopyWriter, DateTime> TimestampTz = (w, v) => w.WriteTimestampTz(v);
        public static readonly Action<BinaryCopyWriter, byte[]> Bytes = (w, v) => w.WriteBytes(v);
        public static readonly Action<BinaryCopyWriter, Guid> Uuid = (w, v) => w.WriteUuid(v);
        public static readonly Action<BinaryCopyWriter, string> Jsonb = (w, v) => w.WriteJsonb(v);
        public static readonly Action<BinaryCopyWriter, string> Text = (w, v) => w.WriteText(v);
    }

    public static ColumnTransfer Create(ValueKind source, ValueKind target, Type fieldType)
    {
        if (source == ValueKind.Text && target is not (ValueKind.Text or ValueKind.Json or ValueKind.Xml))
        {
            return FromText(target);
        }

        return target switch
        {
            ValueKind.Boolean => new ColumnTransfer<bool>((r, i) => r.GetBoolean(i), W.Boolean, target),
            ValueKind.Int16 => fieldType == typeof(byte)
                ? new ColumnTransfer<short>((r, i) => r.GetByte(i), W.Int16, target)
                : new ColumnTransfer<short>((r, i) => r.GetInt16(i), W.Int16, target),
            ValueKind.Int32 => new ColumnTransfer<int>((r, i) => r.GetInt32(i), W.Int32, target),
            ValueKind.Int64 => new ColumnTransfer<long>((r, i) => r.GetInt64(i), W.Int64, target),
            ValueKind.Decimal => new ColumnTransfer<decimal>((r, i) => r.GetDecimal(i), W.Numeric, target),
            ValueKind.Single => new ColumnTransfer<float>((r, i) => r.GetFloat(i), W.Single, target),
            ValueKind.Double => fieldType == typeof(float)
                ? new ColumnTransfer<double>((r, i) => r.GetFloat(i), W.Double, target)
                : new ColumnTransfer<double>((r, i) => r.GetDouble(i), W.Double, target),
            ValueKind.Date => new ColumnTransfer<DateOnly>((r, i) => DateOnly.FromDateTime(r.GetDateTime(i)), W.Date, target),
            ValueKind.Time => new ColumnTransfer<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), W.Time, target),
            ValueKind.Interval => new ColumnTransfer<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), W.Interval, target),
            ValueKind.Timestamp => new ColumnTransfer<DateTime>((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified), W.Timestamp, target),
            ValueKind.TimestampTz => fieldType == typeof(DateTimeOffset)
                ? new ColumnTransfer<DateTime>((r, i) => r.GetFieldValue<DateTimeOffset>(i).UtcDateTime, W.TimestampTz, target)
                : new ColumnTransfer<DateTime>((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc), W.TimestampTz, target),
            ValueKind.Bytes => new ColumnTransfer<byte[]>((r, i) => r.GetFieldValue<byte[]>(i), W.Bytes, target),
            ValueKind.Uuid => new ColumnTransfer<Guid>((r, i) => r.GetGuid(i), W.Uuid, target),
            ValueKind.Json => new ColumnTransfer<string>((r, i) => r.GetString(i), W.Jsonb, target),
            ValueKind.Xml => new ColumnTransfer<string>((r, i) => r.GetString(i), W.Text, target),
            _ => new ColumnTransfer<string>((r, i) => r.GetString(i), W.Text, target),
        };
    }

    private static ColumnTransfer FromText(ValueKind target)
    {
        var inv = CultureInfo.InvariantCulture;
        ColumnTransfer<T> Parse<T>(Func<string, T> parse, Action<BinaryCopyWriter, T> type)
            where T : notnull => new((_, _) => throw new InvalidOperationException("parsed transfer reads text"), type, target, parse);
        return target switch
        {
            ValueKind.Date => Parse(t => DateOnly.ParseExact(t.Trim(), "yyyy-MM-dd", inv), W.Date),
            ValueKind.Timestamp => Parse(t => DateTime.Parse(t.Trim(), inv, DateTimeStyles.None), W.Timestamp),
            ValueKind.Int16 => Parse(t => short.Parse(t.Trim(), inv), W.Int16),
            ValueKind.Int32 => Parse(t => int.Parse(t.Trim(), inv), W.Int32),
            ValueKind.Int64 => Parse(t => long.Parse(t.Trim(), inv), W.Int64),
            ValueKind.Decimal => Parse(t => decimal.Parse(t.Trim(), NumberStyles.Number, inv), W.Numeric),
            ValueKind.Boolean => Parse(ParseBool, W.Boolean),
            ValueKind.Uuid => Parse(t => Guid.Parse(t.Trim()), W.Uuid),
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
