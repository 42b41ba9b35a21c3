using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ferry.Core.Mapping;

/// <summary>
/// SHA-1 (FIPS 180-4) of a fixed prefix followed by a short variable suffix. The compression state after the
/// prefix's whole 64-byte blocks is computed once, so each hash of a UUIDv5 name (namespace, tenant and entity are
/// the constant prefix, the key the suffix) usually costs a single block compression, in managed code, instead of
/// a full digest through the platform library (see <see cref="Sha1Block"/> for how a block is compressed, and
/// BENCHMARKS.md for what each step bought). Tests check it against the platform's SHA-1 on random inputs.
/// </summary>
[SkipLocalsInit]
public sealed class Sha1Prefix
{
    // Room for the tail (under 64 bytes), a key of up to about 80 UTF-16 units as UTF-8, and the padding: on the stack.
    private const int StackBlocks = 320;

    private readonly uint[] _state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    private readonly byte[] _tail;
    private readonly long _prefixLength;

    public Sha1Prefix(ReadOnlySpan<byte> prefix)
    {
        var whole = prefix.Length / 64 * 64;
        Span<uint> w = stackalloc uint[80];
        for (var offset = 0; offset < whole; offset += 64)
        {
            Sha1Block.Compress(_state, prefix.Slice(offset, 64), w);
        }

        _tail = prefix[whole..].ToArray();
        _prefixLength = prefix.Length;
    }

    /// <summary>Length of the prefix bytes not yet compressed (below 64).</summary>
    public int TailLength => _tail.Length;

    /// <summary>Writes the 20-byte SHA-1 of prefix + <paramref name="suffix"/> into <paramref name="digest"/>.</summary>
    public void Hash(ReadOnlySpan<byte> suffix, Span<byte> digest)
    {
        var padded = Padded(suffix.Length);
        Span<byte> blocks = padded <= StackBlocks ? stackalloc byte[StackBlocks] : new byte[padded];
        suffix.CopyTo(blocks[_tail.Length..]);
        Finish(blocks[..padded], suffix.Length, digest);
    }

    /// <summary>
    /// The same for the UTF-8 of <paramref name="text"/>, encoded straight into the final block: an id costs one
    /// block compression and no other copy of its key.
    /// </summary>
    public void Hash(ReadOnlySpan<char> text, Span<byte> digest)
    {
        if (Padded(text.Length * 3) > StackBlocks)
        {
            var bytes = Encoding.UTF8.GetBytes(text.ToArray());
            Hash(bytes, digest);
            return;
        }

        Span<byte> blocks = stackalloc byte[StackBlocks];
        var room = blocks[_tail.Length..];
        if (Ascii.FromUtf16(text, room, out var written) != OperationStatus.Done)
        {
            written = Encoding.UTF8.GetBytes(text, room);
        }

        Finish(blocks[..Padded(written)], written, digest);
    }

    private int Padded(int suffixLength) => (_tail.Length + suffixLength + 9 + 63) / 64 * 64;

    /// <summary>Adds the prefix's tail before the suffix already in place, pads, and compresses.</summary>
    private void Finish(Span<byte> blocks, int suffixLength, Span<byte> digest)
    {
        var length = _tail.Length + suffixLength;
        _tail.CopyTo(blocks);
        blocks[length] = 0x80;
        blocks[(length + 1)..^8].Clear();
        BinaryPrimitives.WriteInt64BigEndian(blocks[^8..], (_prefixLength + suffixLength) * 8);

        Span<uint> state = stackalloc uint[5];
        _state.CopyTo(state);
        Span<uint> w = stackalloc uint[80];
        for (var offset = 0; offset < blocks.Length; offset += 64)
        {
            Sha1Block.Compress(state, blocks.Slice(offset, 64), w);
        }

        for (var i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
        }
    }
}
