namespace Ferry.Sample.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014). Chosen over <see cref="Random"/> because its output for a seed is fixed
/// by the algorithm here rather than by the runtime version, so a seed names the same rows on every machine. Each
/// (district, table) pair gets its own stream, so tables can be generated in any order or in parallel.
/// </summary>
internal sealed class SampleRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>The stream for one table of one district.</summary>
    public static SampleRandom For(int seed, int district, string stream) =>
        new(Mix(Mix(Mix((uint)seed) ^ (uint)district) ^ Fnv1a(stream)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>0 &lt;= result &lt; <paramref name="maxExclusive"/>, by multiply-and-shift (no modulo bias worth measuring at these ranges).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public long NextLong(long maxExclusive) => maxExclusive <= 0 ? 0 : (long)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);

    /// <summary>Uniform in [0, 1) with 53 bits; only exact IEEE operations, so identical everywhere.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public void NextBytes(Span<byte> buffer)
    {
        var i = 0;
        for (; i + 8 <= buffer.Length; i += 8)
        {
            BitConverter.TryWriteBytes(buffer[i..], NextUInt64());
        }

        if (i < buffer.Length)
        {
            var last = NextUInt64();
            for (; i < buffer.Length; i++, last >>= 8)
            {
                buffer[i] = (byte)last;
            }
        }
    }

    /// <summary>A random version-4 UUID, as SQL Server's NEWID() would have produced.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>The SplitMix64 finaliser, also used to derive independent stream seeds.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units: <see cref="string.GetHashCode()"/> is randomised per process.</summary>
    internal static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }
}
