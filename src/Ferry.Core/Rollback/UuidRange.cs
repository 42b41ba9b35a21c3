using System.Globalization;

namespace Ferry.Core.Rollback;

/// <summary>
/// A range of row ids, <c>[Lower, Upper)</c>; a null bound is open. Ids are version-5 UUIDs, SHA-1 of the legacy key, so
/// they spread evenly over the id space: cutting the space into equal parts gives parts of nearly equal row counts
/// without reading a single id. Bounds compare as PostgreSQL compares uuids (byte by byte in the order they are written).
/// </summary>
public readonly record struct UuidRange(Guid? Lower, Guid? Upper)
{
    /// <summary>The whole id space.</summary>
    public static UuidRange All { get; } = new(null, null);

    /// <summary>Parts of about <paramref name="rowsPerPart"/> rows each for <paramref name="rows"/> rows (at least one part).</summary>
    public static IReadOnlyList<UuidRange> For(long rows, int rowsPerPart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPart, 1);
        var parts = Math.Clamp((rows + rowsPerPart - 1) / rowsPerPart, 1, MaxParts);
        return Split((int)parts);
    }

    /// <summary>The id space cut into <paramref name="parts"/> equal consecutive ranges, the first and last open.</summary>
    public static IReadOnlyList<UuidRange> Split(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, MaxParts);
        var bounds = Enumerable.Range(1, parts - 1).Select(i => (Guid?)Boundary(i, parts)).ToList();
        return Enumerable.Range(0, parts)
            .Select(i => new UuidRange(i == 0 ? null : bounds[i - 1], i == parts - 1 ? null : bounds[i]))
            .ToList();
    }

    /// <summary>More parts than this would cut ranges finer than the ids' spread is even.</summary>
    public const int MaxParts = 1 << 20;

    /// <summary>The i-th of n boundaries: the top 64 bits of i/n of the space, written as text so byte order is text order.</summary>
    private static Guid Boundary(int i, int n)
    {
        var top = (ulong)(((UInt128)(ulong)i << 64) / (ulong)n);
        return Guid.ParseExact(top.ToString("x16", CultureInfo.InvariantCulture) + "0000000000000000", "N");
    }

    public bool Contains(Guid id) =>
        (Lower is not { } lower || string.CompareOrdinal(id.ToString("N"), lower.ToString("N")) >= 0)
        && (Upper is not { } upper || string.CompareOrdinal(id.ToString("N"), upper.ToString("N")) < 0);
}
