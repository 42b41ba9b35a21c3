using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ferry.Core.Mapping;

/// <summary>
/// SHA-1 (FIPS 180-4) of a fixed prefix followed by a short variable suffix. The compression state after the
/// prefix's whole 64-byte blocks is computed once, so each hash of a UUIDv5 name (namespace, tenant and entity are
/// the constant prefix, the key the suffix) usually costs a single block compression, in managed code, instead of
/// a full digest through the platform library (about three times faster, measured; see BENCHMARKS.md). Tests check
/// it against the platform's SHA-1 on random inputs.
/// </summary>
[SkipLocalsInit]
public sealed class Sha1Prefix
{
    private readonly uint[] _state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    private readonly byte[] _tail;
    private readonly long _prefixLength;

    public Sha1Prefix(ReadOnlySpan<byte> prefix)
    {
        var whole = prefix.Length / 64 * 64;
        Span<uint> w = stackalloc uint[80];
        for (var offset = 0; offset < whole; offset += 64)
        {
            Compress(_state, prefix.Slice(offset, 64), w);
        }

        _tail = prefix[whole..].ToArray();
        _prefixLength = prefix.Length;
    }

    /// <summary>Length of the prefix bytes not yet compressed (below 64).</summary>
    public int TailLength => _tail.Length;

    /// <summary>Writes the 20-byte SHA-1 of prefix + <paramref name="suffix"/> into <paramref name="digest"/>.</summary>
    public void Hash(ReadOnlySpan<byte> suffix, Span<byte> digest)
    {
        var length = _tail.Length + suffix.Length;
        var padded = (length + 9 + 63) / 64 * 64;
        Span<byte> block = padded <= 256 ? stackalloc byte[256] : new byte[padded];
        block = block[..padded];
        _tail.CopyTo(block);
        suffix.CopyTo(block[_tail.Length..]);
        block[length] = 0x80;
        block[(length + 1)..^8].Clear();
        BinaryPrimitives.WriteInt64BigEndian(block[^8..], (_prefixLength + suffix.Length) * 8);

        Span<uint> state = stackalloc uint[5];
        _state.CopyTo(state);
        Span<uint> w = stackalloc uint[80];
        for (var offset = 0; offset < padded; offset += 64)
        {
            Compress(state, block.Slice(offset, 64), w);
        }

        for (var i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
        }
    }

    private static void Compress(Span<uint> h, ReadOnlySpan<byte> block, Span<uint> w)
    {
        for (var t = 0; t < 16; t++)
        {
            w[t] = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (var t = 16; t < 80; t++)
        {
            w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }

        uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (var t = 0; t < 20; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (~b & d)) + e + 0x5A827999 + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }

        for (var t = 20; t < 40; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0x6ED9EBA1 + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }

        for (var t = 40; t < 60; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8F1BBCDC + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }

        for (var t = 60; t < 80; t++)
        {
            var temp = BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + e + 0xCA62C1D6 + w[t];
            (e, d, c, b, a) = (d, c, BitOperations.RotateLeft(b, 30), a, temp);
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
}
