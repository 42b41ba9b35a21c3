using System.Runtime.InteropServices;

namespace Ferry.Core.Reconciliation;

/// <summary>
/// Splits the uuid space into 2^<see cref="Bits"/> buckets by the leading bits of a row's id. Ids are SHA-1 derived
/// (see <see cref="Mapping.DeterministicUuid"/>), so rows spread evenly; and since PostgreSQL orders uuids by their
/// bytes, each bucket, and each run of consecutive buckets, is one range of the target's primary key
/// (tenant_id, id). Both sides can therefore be summed per bucket, and a bucket that differs re-read alone.
/// </summary>
public sealed class BucketSpace
{
    public const int MaxBits = 16;

    public BucketSpace(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
        Bits = bits;
    }

    public int Bits { get; }

    public int Count => 1 << Bits;

    /// <summary>Enough buckets for about <paramref name="rowsPerBucket"/> rows each, and at least <paramref name="minimum"/>.</summary>
    public static BucketSpace For(long estimatedRows, int rowsPerBucket = 2048, int minimum = 16)
    {
        var bits = 0;
        while (bits < MaxBits && ((1L << bits) < minimum || estimatedRows / (1L << bits) > rowsPerBucket))
        {
            bits++;
        }

        return new BucketSpace(bits);
    }

    /// <summary>The bucket of an id: its leading <see cref="Bits"/> bits in PostgreSQL's (big-endian) byte order.</summary>
    public int Of(Guid id)
    {
        if (Bits == 0)
        {
            return 0;
        }

        // The first four bytes of a uuid, big-endian, are the Guid's first int field whatever the machine's byte order.
        var leading = (uint)MemoryMarshal.Read<int>(MemoryMarshal.AsBytes(new ReadOnlySpan<Guid>(in id)));
        return (int)(leading >> (32 - Bits));
    }

    /// <summary>The smallest id of <paramref name="bucket"/>; <see cref="Count"/> gives null (no upper bound).</summary>
    public Guid? LowerBound(int bucket)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucket, Count);
        if (bucket == Count)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        var leading = Bits == 0 ? 0u : (uint)bucket << (32 - Bits);
        bytes[0] = (byte)(leading >> 24);
        bytes[1] = (byte)(leading >> 16);
        bytes[2] = (byte)(leading >> 8);
        bytes[3] = (byte)leading;
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// Consecutive buckets grouped into at most <paramref name="parts"/> id ranges [lower, upper) of nearly equal
    /// width; a null lower or upper bound is open. Together they cover every uuid exactly once.
    /// </summary>
    public IReadOnlyList<IdRange> Split(int parts)
    {
        parts = Math.Clamp(parts, 1, Count);
        var ranges = new List<IdRange>(parts);
        for (var p = 0; p < parts; p++)
        {
            var first = (int)((long)Count * p / parts);
            var next = (int)((long)Count * (p + 1) / parts);
            ranges.Add(new IdRange(first, next, p == 0 ? null : LowerBound(first), LowerBound(next)));
        }

        return ranges;
    }

    /// <summary>The id ranges covering exactly the given buckets, consecutive buckets merged.</summary>
    public IReadOnlyList<IdRange> Cover(IEnumerable<int> buckets)
    {
        var ranges = new List<IdRange>();
        int? first = null, last = null;
        foreach (var b in buckets.Distinct().Order())
        {
            if (last is { } l && b == l + 1)
            {
                last = b;
                continue;
            }

            if (first is { } f)
            {
                ranges.Add(Range(f, last!.Value + 1));
            }

            first = last = b;
        }

        if (first is { } start)
        {
            ranges.Add(Range(start, last!.Value + 1));
        }

        return ranges;
    }

    private IdRange Range(int first, int next) => new(first, next, first == 0 ? null : LowerBound(first), LowerBound(next));
}

/// <summary>Buckets [<see cref="FirstBucket"/>, <see cref="NextBucket"/>) as the id range [<see cref="Lower"/>, <see cref="Upper"/>); null is open.</summary>
public sealed record IdRange(int FirstBucket, int NextBucket, Guid? Lower, Guid? Upper);
