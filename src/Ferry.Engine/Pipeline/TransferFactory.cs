using System.Data.Common;
using Ferry.Core.Casting;
using Ferry.Core.Values;
using Ferry.Postgres.Target;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Builds the transfer for a column from what the source client actually returns for it (its CLR type and, for a
/// PostgreSQL source, its server type) and the target kind. Three families:
/// <list type="bullet">
/// <item>PostgreSQL source, same type on both sides: dates, timestamps, intervals and numerics travel in the
/// server's own representation (days, microseconds, months-days-microseconds, binary numeric), so infinity, BC
/// dates, intervals of months and numbers beyond <see cref="decimal"/> arrive as themselves;</item>
/// <item>text read into a non-text target (a reviewed mapping retyped the column, or a wide SQL Server decimal read
/// as its exact text): parsed by <see cref="TextValues"/>'s culture-invariant rules, a value that does not parse is
/// a bad value with its original text;</item>
/// <item>everything else through the client's typed reads, where the only change is the documented one: digits
/// below a microsecond are truncated, and counted.</item>
/// </list>
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
        public static readonly Action<BinaryCopyWriter, NumericString> NumericText = (w, v) => w.TryWriteNumeric(v.Canonical);
        public static readonly Action<BinaryCopyWriter, float> Single = (w, v) => w.WriteSingle(v);
        public static readonly Action<BinaryCopyWriter, double> Double = (w, v) => w.WriteDouble(v);
        public static readonly Action<BinaryCopyWriter, DateOnly> Date = (w, v) => w.WriteDate(v);
        public static readonly Action<BinaryCopyWriter, PgDate> RawDate = (w, v) => w.WriteDate(v);
        public static readonly Action<BinaryCopyWriter, TimeSpan> Time = (w, v) => w.WriteTime(v);
        public static readonly Action<BinaryCopyWriter, TimeSpan> Interval = (w, v) => w.WriteInterval(v);
        public static readonly Action<BinaryCopyWriter, PgInterval> RawInterval = (w, v) => w.WriteInterval(v);
        public static readonly Action<BinaryCopyWriter, DateTime> Timestamp = (w, v) => w.WriteTimestamp(v);
        public static readonly Action<BinaryCopyWriter, PgTimestamp> RawTimestamp = (w, v) => w.WriteTimestamp(v);
        public static readonly Action<BinaryCopyWriter, DateTime> TimestampTz = (w, v) => w.WriteTimestampTz(v);
        public static readonly Action<BinaryCopyWriter, byte[]> Bytes = (w, v) => w.WriteBytes(v);
        public static readonly Action<BinaryCopyWriter, Guid> Uuid = (w, v) => w.WriteUuid(v);
        public static readonly Action<BinaryCopyWriter, string> Jsonb = (w, v) => w.WriteJsonb(v);
        public static readonly Action<BinaryCopyWriter, string> Text = (w, v) => w.WriteText(v);
    }

    private static readonly Func<DateTime, bool> DropsTicks = PgTimestamp.Truncates;
    private static readonly Func<TimeSpan, bool> DropsTimeTicks = t => t.Ticks % 10 != 0;

    public static ColumnTransfer Create(DbDataReader reader, int ordinal, ValueKind target)
    {
        var fieldType = reader.GetFieldType(ordinal);
        if (fieldType == typeof(byte[]) && target is ValueKind.Text or ValueKind.Json or ValueKind.Xml)
        {
            // Text read as its bytes (a source whose encoding does not guarantee UTF-8): checked, then decoded.
            return new ColumnTransfer<string>((r, i) => TextValues.Utf8(r.GetFieldValue<byte[]>(i)), target == ValueKind.Json ? W.Jsonb : W.Text, target);
        }

        if (fieldType == typeof(string) && target is not (ValueKind.Text or ValueKind.Json or ValueKind.Xml))
        {
            return FromText(target);
        }

        if (reader is NpgsqlDataReader && PostgresNative(reader.GetDataTypeName(ordinal), target) is { } native)
        {
            return native;
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
            ValueKind.Time => new ColumnTransfer<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), W.Time, target, truncates: DropsTimeTicks),
            ValueKind.Interval => new ColumnTransfer<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), W.Interval, target),
            ValueKind.Timestamp => new ColumnTransfer<DateTime>((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified), W.Timestamp, target, truncates: DropsTicks),
            ValueKind.TimestampTz => fieldType == typeof(DateTimeOffset)
                ? new ColumnTransfer<DateTime>((r, i) => r.GetFieldValue<DateTimeOffset>(i).UtcDateTime, W.TimestampTz, target, truncates: DropsTicks)
                : new ColumnTransfer<DateTime>((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc), W.TimestampTz, target, truncates: DropsTicks),
            ValueKind.Bytes => new ColumnTransfer<byte[]>((r, i) => r.GetFieldValue<byte[]>(i), W.Bytes, target),
            ValueKind.Uuid => new ColumnTransfer<Guid>((r, i) => r.GetGuid(i), W.Uuid, target),
            ValueKind.Json => new ColumnTransfer<string>((r, i) => r.GetString(i), W.Jsonb, target),
            ValueKind.Xml => new ColumnTransfer<string>((r, i) => r.GetString(i), W.Text, target),
            _ => new ColumnTransfer<string>((r, i) => r.GetString(i), W.Text, target),
        };
    }

    /// <summary>A PostgreSQL source column whose target has the same representation, moved in that representation.</summary>
    private static ColumnTransfer? PostgresNative(string dataTypeName, ValueKind target)
    {
        var type = TypeNames.WithoutModifiers(dataTypeName);
        return (type, target) switch
        {
            ("date", ValueKind.Date) => new ColumnTransfer<PgDate>((r, i) => new PgDate(r.GetFieldValue<int>(i)), W.RawDate, target),
            ("timestamp without time zone", ValueKind.Timestamp) => new ColumnTransfer<PgTimestamp>((r, i) => new PgTimestamp(r.GetFieldValue<long>(i)), W.RawTimestamp, target),
            ("timestamp with time zone", ValueKind.TimestampTz) => new ColumnTransfer<PgTimestamp>((r, i) => new PgTimestamp(r.GetFieldValue<long>(i)), W.RawTimestamp, target),
            ("interval", ValueKind.Interval) => new ColumnTransfer<PgInterval>((r, i) => Interval(r.GetFieldValue<NpgsqlInterval>(i)), W.RawInterval, target),
            ("numeric", ValueKind.Decimal) => new NumericTransfer(),
            _ => null,
        };
    }

    private static PgInterval Interval(NpgsqlInterval value) => new(value.Months, value.Days, value.Time);

    private static ColumnTransfer FromText(ValueKind target)
    {
        ColumnTransfer<T> Parse<T>(Func<string, T> parse, Action<BinaryCopyWriter, T> type, Func<T, bool>? truncates = null)
            where T : notnull => new((_, _) => throw new InvalidOperationException("parsed transfer reads text"), type, target, parse, truncates);
        return target switch
        {
            ValueKind.Date => Parse(TextValues.Date, W.Date),
            ValueKind.Time => Parse(TextValues.Time, W.Time, DropsTimeTicks),
            ValueKind.Timestamp => Parse(TextValues.Timestamp, W.Timestamp, DropsTicks),
            ValueKind.TimestampTz => Parse(TextValues.TimestampTz, W.TimestampTz, DropsTicks),
            ValueKind.Int16 => Parse(TextValues.Int16, W.Int16),
            ValueKind.Int32 => Parse(TextValues.Int32, W.Int32),
            ValueKind.Int64 => Parse(TextValues.Int64, W.Int64),
            ValueKind.Decimal => Parse(TextValues.Number, W.NumericText),
            ValueKind.Single => Parse(TextValues.Single, W.Single),
            ValueKind.Double => Parse(TextValues.Double, W.Double),
            ValueKind.Boolean => Parse(TextValues.Boolean, W.Boolean),
            ValueKind.Uuid => Parse(TextValues.Uuid, W.Uuid),
            _ => throw new NotSupportedException($"text cannot be converted to {target}"),
        };
    }
}
