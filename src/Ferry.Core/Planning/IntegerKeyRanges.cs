using Ferry.Core.Casting;

namespace Ferry.Core.Planning;

/// <summary>
/// Batch bounds for a single integer key cut by value instead of by row number. Legacy identity keys are nearly
/// gap-free, so <c>MIN</c>, <c>MAX</c> and <c>COUNT</c> (answered from an index) place every bound without the
/// numbered scan of the whole key that exact row counts need. Used only when at least half the span is taken: a
/// range of <c>w</c> values then holds at most <c>w</c> rows, so no batch exceeds twice the batch size.
/// </summary>
public static class IntegerKeyRanges
{
    public static bool IsIntegerKey(IReadOnlyList<ValueKind> kinds) =>
        kinds.Count == 1 && kinds[0] is ValueKind.Int16 or ValueKind.Int32 or ValueKind.Int64;

    /// <summary>
    /// Inclusive upper bounds of every batch but the last (which stays open), or null when the keys are too sparse
    /// for even ranges. <paramref name="rows"/> is the table's row count.
    /// </summary>
    public static IReadOnlyList<long>? UpperBounds(long min, long max, long rows, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (max < min)
        {
            throw new ArgumentException($"key span {min}..{max} is empty");
        }

        var span = (Int128)max - min + 1;
        if (rows * (Int128)2 < span)
        {
            return null;
        }

        var batches = ((Int128)rows + batchSize - 1) / batchSize;
        if (batches <= 1)
        {
            return [];
        }

        var width = (span + batches - 1) / batches;
        var bounds = new List<long>();
        for (var upper = (Int128)min - 1 + width; upper < max; upper += width)
        {
            bounds.Add((long)upper);
        }

        return bounds;
    }

    /// <summary>A bound as the key column's own type, so it binds as that type.</summary>
    public static object AsKeyValue(long value, ValueKind kind) => kind switch
    {
        ValueKind.Int16 => (object)(short)value,
        ValueKind.Int32 => (object)(int)value,
        _ => (object)value,
    };
}
