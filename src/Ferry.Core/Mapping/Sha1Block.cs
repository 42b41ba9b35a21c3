using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ferry.Core.Mapping;

/// <summary>
/// One SHA-1 compression of a 64-byte block. Where the platform's libcrypto (OpenSSL 3, which .NET itself needs on
/// Linux) exports <c>SHA1_Transform</c>, the block goes there: OpenSSL runs it on the CPU's SHA instructions when the
/// CPU has them, about ten times faster than the managed rounds (33 against 330 ns per block, measured; see
/// BENCHMARKS.md). Otherwise, or when <c>FERRY_SHA1=managed</c> is set, the managed rounds below run. Either way the
/// digest is SHA-1's: the library is checked against the managed rounds before it is used.
/// </summary>
[SkipLocalsInit]
public static unsafe class Sha1Block
{
    // SHA_CTX is h0..h4, Nl, Nh, data[16], num: 24 words. SHA1_Transform reads and writes h0..h4 only.
    private const int ContextWords = 24;

    private static readonly delegate* unmanaged[SuppressGCTransition]<uint*, byte*, void> Transform = Load();

    /// <summary>"libcrypto" or "managed": which implementation compresses blocks in this process.</summary>
    public static string Implementation => Transform is not null ? "libcrypto" : "managed";

    /// <summary>Compresses <paramref name="block"/> into the five state words <paramref name="h"/>; <paramref name="w"/> is 80 words of scratch.</summary>
    public static void Compress(Span<uint> h, ReadOnlySpan<byte> block, Span<uint> w)
    {
        if (Transform is not null)
        {
            CompressNative(Transform, h, block);
        }
        else
        {
            CompressManaged(h, block, w);
        }
    }

    private static void CompressNative(delegate* unmanaged[SuppressGCTransition]<uint*, byte*, void> transform, Span<uint> h, ReadOnlySpan<byte> block)
    {
        var context = stackalloc uint[ContextWords];
        var state = new Span<uint>(context, 5);
        h[..5].CopyTo(state);
        fixed (byte* data = block)
        {
            transform(context, data);
        }

        state.CopyTo(h);
    }

    private static delegate* unmanaged[SuppressGCTransition]<uint*, byte*, void> Load()
    {
        if (Environment.GetEnvironmentVariable("FERRY_SHA1") == "managed" || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return null;
        }

        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.3.dylib", "libcrypto.so" })
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "SHA1_Transform", out var export))
            {
                var transform = (delegate* unmanaged[SuppressGCTransition]<uint*, byte*, void>)export;
                if (AgreesWithManaged(transform))
                {
                    return transform;
                }
            }
        }

        return null;
    }

    /// <summary>A library that disagreed with the managed rounds on any block would change every id: never use it.</summary>
    private static bool AgreesWithManaged(delegate* unmanaged[SuppressGCTransition]<uint*, byte*, void> transform)
    {
        Span<byte> block = stackalloc byte[64];
        Span<uint> expected = stackalloc uint[5];
        Span<uint> actual = stackalloc uint[5];
        Span<uint> w = stackalloc uint[80];
        for (var round = 0; round < 8; round++)
        {
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = (byte)((i * 73) + (round * 151) + 17);
            }

            for (var i = 0; i < 5; i++)
            {
                expected[i] = actual[i] = (uint)((0x9E3779B9u * (uint)(i + 1)) ^ (uint)round);
            }

            CompressManaged(expected, block, w);
            CompressNative(transform, actual, block);
            if (!expected.SequenceEqual(actual))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The SHA-1 rounds of FIPS 180-4, section 6.1.2, in managed code.</summary>
    internal static void CompressManaged(Span<uint> h, ReadOnlySpan<byte> block, Span<uint> w)
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
