using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Ferry.Postgres.Target;

/// <summary>
/// Writes PostgreSQL's binary COPY format straight into the raw COPY stream. The general-purpose importer resolves
/// a type and a parameter for every value written; on the load's hot path that bookkeeping cost more than the
/// values themselves, so the encodings the target types need are written here directly (big-endian integers,
/// microseconds since 2000-01-01 for times, base-10000 digits for numeric, UTF-8 for text). Values match what
/// the importer writes (times lose their 100 ns digit the same way), which the tests check type by type.
/// Disposing without <see cref="Complete"/> cancels the COPY, so nothing half-written is ever committed.
/// </summary>
public sealed class BinaryCopyWriter : IDisposable
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const long EpochTicks = 630822816000000000; // 2000-01-01T00:00:00 in DateTime ticks
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[1 << 17];
    private int _position;
    private bool _completed;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Signature.CopyTo(_buffer, 0);
        _position = Signature.Length + 8; // flags and header extension length, both zero
    }

    /// <summary>Starts <c>COPY ... FROM STDIN (FORMAT BINARY)</c> on the connection.</summary>
    public static BinaryCopyWriter Start(NpgsqlConnection connection, string copyFromStdin) =>
        new(connection.BeginRawBinaryCopy(copyFromStdin));

    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), fields);
        _position += 2;
    }

    public void WriteNull() => Int32(-1);

    public void WriteBoolean(bool value)
    {
        Field(1);
        _buffer[_position++] = value ? (byte)1 : (byte)0;
    }

    public void WriteInt16(short value)
    {
        Field(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), value);
        _position += 2;
    }

    public void WriteInt32(int value)
    {
        Field(4);
        Int32(value);
    }

    public void WriteInt64(long value)
    {
        Field(8);
        Int64(value);
    }

    public void WriteSingle(float value)
    {
        Field(4);
        BinaryPrimitives.WriteSingleBigEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    public void WriteDouble(double value)
    {
        Field(8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    public void WriteUuid(Guid value)
    {
        Field(16);
        value.TryWriteBytes(_buffer.AsSpan(_position, 16), bigEndian: true, out _);
        _position += 16;
    }

    /// <summary>date: days since 2000-01-01; DateOnly.MinValue and MaxValue are -infinity and infinity, as for timestamps.</summary>
    public void WriteDate(DateOnly value) => WriteInt32(
        value == DateOnly.MaxValue ? int.MaxValue
        : value == DateOnly.MinValue ? int.MinValue
        : value.DayNumber - EpochDay);

    /// <summary>
    /// timestamp: microseconds since 2000-01-01; the 100 ns digit is dropped toward that epoch. DateTime.MinValue
    /// and MaxValue are -infinity and infinity, as the client library reads and writes them, so a PostgreSQL
    /// source's infinite timestamps stay infinite.
    /// </summary>
    public void WriteTimestamp(DateTime value) => WriteInt64(
        value.Ticks == DateTime.MaxValue.Ticks ? long.MaxValue
        : value.Ticks == DateTime.MinValue.Ticks ? long.MinValue
        : (value.Ticks - EpochTicks) / 10);

    /// <summary>timestamptz: the UTC instant, encoded like timestamp.</summary>
    public void WriteTimestampTz(DateTime utc) => WriteTimestamp(utc);

    public void WriteTime(TimeSpan value) => WriteInt64(value.Ticks / 10);

    public void WriteInterval(TimeSpan value)
    {
        Field(16);
        Int64((value.Ticks - (TimeSpan.TicksPerDay * value.Days)) / 10);
        Int32(value.Days);
        Int32(0);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Field(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    /// <summary>text, varchar, char and xml: UTF-8. A lone surrogate throws (callers reject such values first).</summary>
    public void WriteText(string value) => WriteUtf8(value, prefix: null);

    /// <summary>jsonb: a version byte, then the JSON text.</summary>
    public void WriteJsonb(string value) => WriteUtf8(value, prefix: 1);

    public void WriteNumeric(decimal value)
    {
        Span<short> digits = stackalloc short[10];
        var (count, weight, negative, scale) = NumericDigits.From(value, digits);
        Field(8 + (2 * count));
        var span = _buffer.AsSpan(_position);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(span[2..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], scale);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(8 + (2 * i))..], digits[i]);
        }

        _position += 8 + (2 * count);
    }

    /// <summary>Ends the COPY: trailer, flush, and the server's acknowledgement (errors surface here).</summary>
    public void Complete()
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_position), -1);
        _position += 2;
        Flush();
        _completed = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            try
            {
                _stream.Cancel();
            }
            catch (PostgresException)
            {
                // Cancelling answers with "COPY cancelled"; the transaction rolls back either way.
            }

            _stream.Dispose();
        }
    }

    private void WriteUtf8(string value, byte? prefix)
    {
        var extra = prefix is null ? 0 : 1;
        var max = StrictUtf8.GetMaxByteCount(value.Length) + extra;
        // Short values reserve their worst case; long ones are measured first so the buffer need not triple.
        Ensure(4 + (max <= 4096 ? max : StrictUtf8.GetByteCount(value) + extra));
        var lengthAt = _position;
        _position += 4;
        if (prefix is { } p)
        {
            _buffer[_position++] = p;
        }

        var written = StrictUtf8.GetBytes(value, _buffer.AsSpan(_position));
        _position += written;
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(lengthAt), written + extra);
    }

    /// <summary>Reserves a field of <paramref name="length"/> bytes and writes its length.</summary>
    private void Field(int length)
    {
        Ensure(4 + length);
        Int32(length);
    }

    private void Int32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    private void Ensure(int bytes)
    {
        if (_position + bytes <= _buffer.Length)
        {
            return;
        }

        Flush();
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
        }
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _position);
        _position = 0;
    }
}
