using System.Buffers.Binary;
using System.Text;
using Ferry.Core.Values;
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

    private readonly Stream _stream;
    private readonly Action? _cancel;
    private byte[] _buffer;
    private int _position;
    private bool _completed;

    private BinaryCopyWriter(Stream stream, Action? cancel, int bufferSize)
    {
        _stream = stream;
        _cancel = cancel;
        _buffer = new byte[bufferSize];
        if (cancel is not null)
        {
            Signature.CopyTo(_buffer, 0);
            _position = Signature.Length + 8; // flags and header extension length, both zero
        }
    }

    /// <summary>The binary COPY into <paramref name="table"/> (already quoted) of <paramref name="columns"/> (a quoted, comma-separated list).</summary>
    public static string Statement(string table, string columns) => $"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Starts <c>COPY ... FROM STDIN (FORMAT BINARY)</c> on the connection.</summary>
    public static BinaryCopyWriter Start(NpgsqlConnection connection, string copyFromStdin)
    {
        var stream = connection.BeginRawBinaryCopy(copyFromStdin);
        return new BinaryCopyWriter(stream, stream.Cancel, 1 << 17);
    }

    /// <summary>
    /// A writer that encodes rows into memory instead (no header, no trailer): rows held back while a batch the
    /// target refused is redone piece by piece. <see cref="Drain"/> takes what was written.
    /// </summary>
    public static BinaryCopyWriter InMemory() => new(new MemoryStream(), null, 4096);

    /// <summary>The encoded rows written since the last drain (in-memory writers only).</summary>
    public byte[] Drain()
    {
        var memory = _stream as MemoryStream ?? throw new InvalidOperationException("only an in-memory writer can be drained");
        Flush();
        var bytes = memory.ToArray();
        memory.SetLength(0);
        return bytes;
    }

    /// <summary>Rows encoded earlier by an in-memory writer, sent as they are.</summary>
    public void WriteEncoded(ReadOnlySpan<byte> rows)
    {
        Ensure(rows.Length);
        rows.CopyTo(_buffer.AsSpan(_position));
        _position += rows.Length;
    }

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

    /// <summary>date: days since 2000-01-01. Every DateOnly is a finite date (9999-12-31 is not infinity).</summary>
    public void WriteDate(DateOnly value) => WriteInt32(PgDate.From(value).Days);

    /// <summary>date as PostgreSQL stores it, infinities and BC dates included.</summary>
    public void WriteDate(PgDate value) => WriteInt32(value.Days);

    /// <summary>
    /// timestamp: microseconds since 2000-01-01, the 100 ns digit truncated toward the past (never rounded, so
    /// 9999-12-31 23:59:59.9999999 stays on its day). Every DateTime is finite: DateTime.MaxValue is not infinity.
    /// </summary>
    public void WriteTimestamp(DateTime value) => WriteInt64(PgTimestamp.From(value).Micros);

    /// <summary>timestamp or timestamptz as PostgreSQL stores it, infinities included.</summary>
    public void WriteTimestamp(PgTimestamp value) => WriteInt64(value.Micros);

    /// <summary>timestamptz: the UTC instant, encoded like timestamp.</summary>
    public void WriteTimestampTz(DateTime utc) => WriteTimestamp(utc);

    /// <summary>time: microseconds since midnight, the 100 ns digit truncated (23:59:59.9999999 never becomes 24:00).</summary>
    public void WriteTime(TimeSpan value) => WriteInt64(value.Ticks / 10);

    public void WriteInterval(TimeSpan value)
    {
        Field(16);
        Int64((value.Ticks - (TimeSpan.TicksPerDay * value.Days)) / 10);
        Int32(value.Days);
        Int32(0);
    }

    /// <summary>interval with its months, days and microseconds kept apart, as PostgreSQL stores it.</summary>
    public void WriteInterval(PgInterval value)
    {
        Field(16);
        Int64(value.Micros);
        Int32(value.Days);
        Int32(value.Months);
    }

    /// <summary>numeric from decimal text of any size (see <see cref="PgNumeric.TryEncode"/>); false, writing nothing, when it is not a number.</summary>
    public bool TryWriteNumeric(string text)
    {
        var max = PgNumeric.MaxLength(text.Length);
        Ensure(4 + max);
        if (!PgNumeric.TryEncode(text, _buffer.AsSpan(_position + 4, max), out var written))
        {
            return false;
        }

        Int32(written);
        _position += written;
        return true;
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
                _cancel?.Invoke();
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
