using System.Globalization;

namespace Ferry.Core.Reconciliation;

/// <summary>
/// An order-independent checksum of a multiset of rows: the row count and the sum, modulo 2^128, of the rows'
/// 128-bit hashes. Adding is commutative and associative, so partial checksums of key ranges or buckets, computed in
/// any order on any thread, combine into the checksum of the whole; two multisets of rows have equal checksums when
/// they are equal and, short of a 2^-128 chance per difference, only then. A mutable value: keep it in a field or an
/// array element and update it in place.
/// </summary>
public struct ContentChecksum : IEquatable<ContentChecksum>
{
    public long Count;

    public UInt128 Sum;

    public ContentChecksum(long count, UInt128 sum)
    {
        Count = count;
        Sum = sum;
    }

    public void Add(UInt128 rowHash)
    {
        Count++;
        Sum += rowHash;
    }

    public void Add(ContentChecksum other)
    {
        Count += other.Count;
        Sum += other.Sum;
    }

    /// <summary>The sum as 32 lower-case hex digits, as reports print it (the count is reported beside it).</summary>
    public readonly string Hex => Sum.ToString("x32", CultureInfo.InvariantCulture);

    public static ContentChecksum Parse(long count, string hex) =>
        new(count, UInt128.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    public readonly bool Equals(ContentChecksum other) => Count == other.Count && Sum == other.Sum;

    public override readonly bool Equals(object? obj) => obj is ContentChecksum other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Count, Sum);

    public override readonly string ToString() => $"{Count}:{Hex}";

    public static bool operator ==(ContentChecksum left, ContentChecksum right) => left.Equals(right);

    public static bool operator !=(ContentChecksum left, ContentChecksum right) => !left.Equals(right);
}
