using System.Data.Common;
using Ferry.Core.Casting;
using Ferry.Core.Mapping;
using Ferry.Core.Values;
using Ferry.Postgres.Target;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Engine.Verification;

/// <summary>
/// The column readers of both sides. The source side reads each value through the client as the load does (the same
/// client calls, the same text rules of <see cref="TextValues"/> for a column a reviewed mapping retyped), and the
/// canonical form then computes what PostgreSQL must hold (<see cref="Core.Hashing.CanonicalRow"/>), by code of its own,
/// not the load's encoder. The target side reads what PostgreSQL holds in its own representation (day numbers,
/// microseconds, months-days-microseconds, binary numeric), never through a client type that could stand one value in
/// for another. Key text follows <see cref="CanonicalKey"/> exactly as the load builds it.
/// </summary>
internal static class ColumnReaders
{
    public static ColumnReader Source(DbDataReader reader, int ordinal, ValueKind target)
    {
        var fieldType = reader.GetFieldType(ordinal);
        if (fieldType == typeof(byte[]) && target is ValueKind.Text or ValueKind.Json or ValueKind.Xml)
        {
            return target == ValueKind.Json
                ? new ColumnReader<string>((r, i) => TextValues.Utf8(r.GetFieldValue<byte[]>(i)), (w, v) => w.Json(v), (k, v) => k.AddText(v))
                : new ColumnReader<string>((r, i) => TextValues.Utf8(r.GetFieldValue<byte[]>(i)), (w, v) => w.Text(v), (k, v) => k.AddText(v));
        }

        if (fieldType == typeof(string) && target is not (ValueKind.Text or ValueKind.Json or ValueKind.Xml))
        {
            return FromText(target);
        }

        if (reader is NpgsqlDataReader && PostgresNative(TypeNames.WithoutModifiers(reader.GetDataTypeName(ordinal)), target) is { } native)
        {
            return native;
        }

        return target switch
        {
            ValueKind.Int16 when fieldType == typeof(byte) => Integer((r, i) => r.GetByte(i)),
            ValueKind.Double when fieldType == typeof(float) => Double((r, i) => r.GetFloat(i)),
            ValueKind.Date => new ColumnReader<DateOnly>((r, i) => DateOnly.FromDateTime(r.GetDateTime(i)), (w, v) => w.Date(v), (k, v) => k.AddDateTime(v.ToDateTime(TimeOnly.MinValue), true)),
            ValueKind.Timestamp => Timestamp((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified)),
            ValueKind.TimestampTz => fieldType == typeof(DateTimeOffset)
                ? Timestamp((r, i) => r.GetFieldValue<DateTimeOffset>(i).UtcDateTime)
                : Timestamp((r, i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc)),
            ValueKind.Decimal => new ColumnReader<decimal>((r, i) => r.GetDecimal(i), (w, v) => w.Decimal(v), (k, v) => k.AddDecimal(v)),
            ValueKind.Interval => new ColumnReader<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), (w, v) => w.Interval(v), (k, v) => k.Add(v, ValueKind.Interval)),
            _ => Common(target),
        };
    }

    /// <summary>What PostgreSQL holds, in its own representation: no client type stands in for another value.</summary>
    public static ColumnReader Target(ValueKind target)
    {
        var reader = target switch
        {
            ValueKind.Date => Days(),
            ValueKind.Timestamp or ValueKind.TimestampTz => Micros(),
            ValueKind.Interval => Interval(),
            ValueKind.Decimal => Numeric(),
            _ => Common(target),
        };
        reader.Strict = true;
        return reader;
    }

    private static ColumnReader? PostgresNative(string type, ValueKind target) => (type, target) switch
    {
        ("date", ValueKind.Date) => Days(),
        ("timestamp without time zone", ValueKind.Timestamp) or ("timestamp with time zone", ValueKind.TimestampTz) => Micros(),
        ("interval", ValueKind.Interval) => Interval(),
        ("numeric", ValueKind.Decimal) => Numeric(),
        _ => null,
    };

    private static ColumnReader<PgDate> Days() =>
        new((r, i) => new PgDate(r.GetFieldValue<int>(i)), (w, v) => w.Date(v), (k, v) => k.AddDate(v));

    private static ColumnReader<PgTimestamp> Micros() =>
        new((r, i) => new PgTimestamp(r.GetFieldValue<long>(i)), (w, v) => w.Timestamp(v), (k, v) => k.AddTimestamp(v));

    private static ColumnReader<PgInterval> Interval() =>
        new((r, i) => ToInterval(r.GetFieldValue<NpgsqlInterval>(i)), (w, v) => w.Interval(v), (k, v) => k.Add(v, ValueKind.Interval));

    private static PgInterval ToInterval(NpgsqlInterval value) => new(value.Months, value.Days, value.Time);

    private static ColumnReader<string> Numeric() =>
        new((r, i) => PgNumeric.ToText(RawBytes(r, i)), (w, v) => w.Number(v), (k, v) => k.AddNumber(v));

    /// <summary>A value in the server's binary form (the client reads any column so, not only bytea).</summary>
    private static byte[] RawBytes(DbDataReader reader, int ordinal)
    {
        var bytes = new byte[reader.GetBytes(ordinal, 0, null, 0, 0)];
        reader.GetBytes(ordinal, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static ColumnReader Common(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => new ColumnReader<bool>((r, i) => r.GetBoolean(i), (w, v) => w.Boolean(v), (k, v) => k.Add(v, kind)),
        ValueKind.Int16 => Integer((r, i) => r.GetInt16(i)),
        ValueKind.Int32 => Integer((r, i) => r.GetInt32(i)),
        ValueKind.Int64 => Integer((r, i) => r.GetInt64(i)),
        ValueKind.Single => new ColumnReader<float>((r, i) => r.GetFloat(i), (w, v) => w.Single(v), (k, v) => k.Add(v, kind)),
        ValueKind.Double => Double((r, i) => r.GetDouble(i)),
        ValueKind.Time => new ColumnReader<TimeSpan>((r, i) => r.GetFieldValue<TimeSpan>(i), (w, v) => w.Time(v), (k, v) => k.Add(v, kind)),
        ValueKind.Bytes => new ColumnReader<byte[]>((r, i) => r.GetFieldValue<byte[]>(i), (w, v) => w.Bytes(v), (k, v) => k.Add(v, kind)),
        ValueKind.Uuid => new ColumnReader<Guid>((r, i) => r.GetGuid(i), (w, v) => w.Uuid(v), (k, v) => k.AddUuid(v)),
        ValueKind.Json => new ColumnReader<string>((r, i) => r.GetString(i), (w, v) => w.Json(v), (k, v) => k.AddText(v)),
        _ => new ColumnReader<string>((r, i) => r.GetString(i), (w, v) => w.Text(v), (k, v) => k.AddText(v)),
    };

    // Text read and converted into the target kind by the documented rules, as the load does for a retyped column.
    private static ColumnReader FromText(ValueKind target) => target switch
    {
        ValueKind.Date => new ColumnReader<DateOnly>((r, i) => TextValues.Date(r.GetString(i)), (w, v) => w.Date(v), (k, v) => k.AddDateTime(v.ToDateTime(TimeOnly.MinValue), true)),
        ValueKind.Time => new ColumnReader<TimeSpan>((r, i) => TextValues.Time(r.GetString(i)), (w, v) => w.Time(v), (k, v) => k.Add(v, target)),
        ValueKind.Timestamp => Timestamp((r, i) => TextValues.Timestamp(r.GetString(i))),
        ValueKind.TimestampTz => Timestamp((r, i) => TextValues.TimestampTz(r.GetString(i))),
        ValueKind.Int16 => Integer((r, i) => TextValues.Int16(r.GetString(i))),
        ValueKind.Int32 => Integer((r, i) => TextValues.Int32(r.GetString(i))),
        ValueKind.Int64 => Integer((r, i) => TextValues.Int64(r.GetString(i))),
        ValueKind.Decimal => new ColumnReader<string>((r, i) => TextValues.Number(r.GetString(i)).Canonical, (w, v) => w.Number(v), (k, v) => k.AddNumber(v)),
        ValueKind.Single => new ColumnReader<float>((r, i) => TextValues.Single(r.GetString(i)), (w, v) => w.Single(v), (k, v) => k.Add(v, target)),
        ValueKind.Double => Double((r, i) => TextValues.Double(r.GetString(i))),
        ValueKind.Boolean => new ColumnReader<bool>((r, i) => TextValues.Boolean(r.GetString(i)), (w, v) => w.Boolean(v), (k, v) => k.Add(v, target)),
        ValueKind.Uuid => new ColumnReader<Guid>((r, i) => TextValues.Uuid(r.GetString(i)), (w, v) => w.Uuid(v), (k, v) => k.AddUuid(v)),
        _ => new ColumnReader<string>((_, _) => throw new FormatException($"text cannot be converted to {target}"), (w, v) => w.Text(v), (k, v) => k.AddText(v)),
    };

    private static ColumnReader<long> Integer(Func<DbDataReader, int, long> read) =>
        new(read, (w, v) => w.Integer(v), (k, v) => k.AddInt64(v));

    private static ColumnReader<double> Double(Func<DbDataReader, int, double> read) =>
        new(read, (w, v) => w.Double(v), (k, v) => k.Add(v, ValueKind.Double));

    private static ColumnReader<DateTime> Timestamp(Func<DbDataReader, int, DateTime> read) =>
        new(read, (w, v) => w.Timestamp(v), (k, v) => k.AddDateTime(v, false));
}
