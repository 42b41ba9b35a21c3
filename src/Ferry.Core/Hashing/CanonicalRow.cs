using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Ferry.Core.Values;

namespace Ferry.Core.Hashing;

/// <summary>
/// Builds the canonical byte form of one row and hashes it. The form is the row's 16-byte id (big-endian, as
/// PostgreSQL orders uuids) followed by one segment per mapped column in mapping order: a tag byte (0 NULL,
/// 1 value, 2 a source value that does not convert) and, for a value, its bytes: integers of every width as 8-byte
/// little-endian, numbers as their canonical decimal text (<see cref="DecimalText"/>: exact at any size, NaN a value
/// of its own), floating point as its IEEE bits (one NaN), dates as PostgreSQL's day number (infinities apart from
/// every date), times and timestamps as microseconds (see <see cref="CanonicalTime"/>), intervals as months, days and
/// microseconds, text and XML as a 4-byte length and
/// UTF-8, JSON likewise in canonical form (see <see cref="CanonicalJson"/>), bytes as length and bytes, uuids as 16
/// big-endian bytes, booleans as one byte. Variable-length values carry their length, so no two rows encode alike.
/// The row hash is XXH128 of the whole form; each segment can be hashed alone (XXH3) to say which columns differ.
/// Reused row after row: call <see cref="Begin"/>, then one write per column in order. Not thread-safe.
/// </summary>
public sealed class CanonicalRow
{
    private const byte NullTag = 0;
    private const byte ValueTag = 1;
    private const byte UnconvertibleTag = 2;

    private readonly CanonicalLayout _layout;
    private readonly CanonicalSide _side;
    private readonly int[] _ends;
    private byte[] _buffer = new byte[512];
    private int _length;
    private int _column;

    public CanonicalRow(CanonicalLayout layout, CanonicalSide side)
    {
        _layout = layout;
        _side = side;
        _ends = new int[layout.Columns.Count + 1];
    }

    /// <summary>Segments: 0 is the id, 1..n the columns.</summary>
    public int Segments => _ends.Length;

    public ReadOnlySpan<byte> Encoded => _buffer.AsSpan(0, _length);

    public void Begin(Guid id)
    {
        _length = 0;
        _column = 0;
        Ensure(16);
        id.TryWriteBytes(_buffer.AsSpan(0, 16), bigEndian: true, out _);
        _length = 16;
        _ends[0] = 16;
    }

    public void Null()
    {
        Ensure(1);
        _buffer[_length++] = NullTag;
        End();
    }

    /// <summary>A source value that did not convert: NULL when the column's policy nulls it, otherwise never equal to a target value.</summary>
    public void Unconvertible()
    {
        if (_side == CanonicalSide.Source && Current.BadValueToNull)
        {
            Null();
            return;
        }

        Ensure(1);
        _buffer[_length++] = UnconvertibleTag;
        End();
    }

    public void Boolean(bool value)
    {
        Ensure(2);
        _buffer[_length++] = ValueTag;
        _buffer[_length++] = value ? (byte)1 : (byte)0;
        End();
    }

    public void Integer(long value)
    {
        Ensure(9);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
        End();
    }

    public void Decimal(decimal value)
    {
        var normal = CanonicalDecimal.Normalise(value, Current.Scale);
        Span<char> text = stackalloc char[40];
        normal.TryFormat(text, out var n, "0.############################", CultureInfo.InvariantCulture);
        WriteAscii(text[..n]);
    }

    /// <summary>A number as decimal text of any size (or NaN, Infinity), rounded to the column's scale like <see cref="Decimal"/>.</summary>
    public void Number(string text)
    {
        if (!DecimalText.TryNormalise(text, Current.Scale, out var canonical))
        {
            Unconvertible();
            return;
        }

        WriteAscii(canonical);
    }

    public void Single(float value)
    {
        Ensure(5);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), float.IsNaN(value) ? int.MinValue : BitConverter.SingleToInt32Bits(value));
        _length += 4;
        End();
    }

    public void Double(double value)
    {
        Ensure(9);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), double.IsNaN(value) ? long.MinValue : BitConverter.DoubleToInt64Bits(value));
        _length += 8;
        End();
    }

    public void Date(DateOnly value) => Date(PgDate.From(value));

    /// <summary>A date as PostgreSQL's day number since 2000-01-01; infinity and -infinity stay apart from every date.</summary>
    public void Date(PgDate value)
    {
        if (IsSentinelFix(value))
        {
            Null();
            return;
        }

        Ensure(5);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value.Days);
        _length += 4;
        End();
    }

    /// <summary>A timestamp; for <c>timestamptz</c> the UTC instant. The 100 ns digit is truncated, as the load documents.</summary>
    public void Timestamp(DateTime value) => Timestamp(PgTimestamp.From(value));

    public void Timestamp(PgTimestamp value)
    {
        if (IsSentinelFix(value.Date))
        {
            Null();
            return;
        }

        Integer(CanonicalTime.TimestampMicros(value, Current.FractionDigits));
    }

    public void Time(TimeSpan value) => Integer(CanonicalTime.TimeMicros(value, Current.FractionDigits));

    /// <summary>An interval as PostgreSQL keeps it: microseconds, days and months, each on its own.</summary>
    public void Interval(PgInterval value)
    {
        Ensure(17);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value.Micros);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 8), value.Days);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 12), value.Months);
        _length += 16;
        End();
    }

    /// <summary>A time span as an interval of days and microseconds (how the load writes one).</summary>
    public void Interval(TimeSpan value) => Interval(new PgInterval(0, value.Days, (value.Ticks - (TimeSpan.TicksPerDay * value.Days)) / 10));

    public void Text(ReadOnlySpan<char> value)
    {
        var column = Current;
        if (column.Padded)
        {
            value = value.TrimEnd(' ');
        }

        if (column.StripNul && value.Contains('\0'))
        {
            WriteStripped(value);
            return;
        }

        WriteUtf8(value);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(5 + value.Length);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value.Length);
        _length += 4;
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
        End();
    }

    public void Uuid(Guid value)
    {
        Ensure(17);
        _buffer[_length++] = ValueTag;
        value.TryWriteBytes(_buffer.AsSpan(_length, 16), bigEndian: true, out _);
        _length += 16;
        End();
    }

    /// <summary>JSON text in canonical form; text that is not JSON is unconvertible.</summary>
    public void Json(string value)
    {
        if (Current.StripNul && value.Contains('\0'))
        {
            value = value.Replace("\0", "", StringComparison.Ordinal);
        }

        var canonical = new ArrayBufferWriter<byte>(value.Length + 16);
        if (!CanonicalJson.TryWrite(value, canonical))
        {
            Unconvertible();
            return;
        }

        Bytes(canonical.WrittenSpan);
    }

    /// <summary>XXH128 of the whole canonical form.</summary>
    public UInt128 Hash() => XxHash128.HashToUInt128(Encoded);

    /// <summary>XXH3 of one segment (0 the id, 1..n the columns), to find which columns differ.</summary>
    public ulong SegmentHash(int segment)
    {
        var start = segment == 0 ? 0 : _ends[segment - 1];
        return XxHash3.HashToUInt64(_buffer.AsSpan(start, _ends[segment] - start));
    }

    /// <summary>Every segment's hash, for rows kept to compare column by column.</summary>
    public ulong[] SegmentHashes()
    {
        var hashes = new ulong[_ends.Length];
        for (var s = 0; s < hashes.Length; s++)
        {
            hashes[s] = SegmentHash(s);
        }

        return hashes;
    }

    private CanonicalColumn Current => _layout.Columns[_column];

    private bool IsSentinelFix(PgDate date) =>
        _side == CanonicalSide.Source && Current.SentinelsToNull && date.TryToDateOnly(out var day) && _layout.IsSentinel(day);

    private void WriteAscii(ReadOnlySpan<char> text)
    {
        Ensure(5 + text.Length);
        _buffer[_length++] = ValueTag;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), text.Length);
        _length += 4;
        for (var i = 0; i < text.Length; i++)
        {
            _buffer[_length++] = (byte)text[i];
        }

        End();
    }

    private void WriteStripped(ReadOnlySpan<char> value)
    {
        var rented = ArrayPool<char>.Shared.Rent(value.Length);
        try
        {
            var n = 0;
            foreach (var c in value)
            {
                if (c != '\0')
                {
                    rented[n++] = c;
                }
            }

            WriteUtf8(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void WriteUtf8(ReadOnlySpan<char> value)
    {
        Ensure(5 + Encoding.UTF8.GetMaxByteCount(value.Length));
        _buffer[_length++] = ValueTag;
        var n = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), n);
        _length += 4 + n;
        End();
    }

    private void End()
    {
        _ends[++_column] = _length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
