namespace Ferry.Sample.Data;

/// <summary>
/// Spreads the rows of a child table evenly over its parents with integer arithmetic only, so any table can compute a
/// row's parent from the row index alone (no state shared between tables, no lookup of what another table generated).
/// </summary>
internal static class Spread
{
    /// <summary>The 1-based parent of child row <paramref name="index"/> when <paramref name="rows"/> rows share <paramref name="parents"/> parents.</summary>
    public static long Parent(long index, long rows, long parents) => index * parents / rows + 1;

    /// <summary>The 0-based position of the row among its parent's rows; always below ceil(rows / parents).</summary>
    public static long Ordinal(long index, long rows, long parents)
    {
        var parent = index * parents / rows;
        var first = (parent * rows + parents - 1) / parents;
        return index - first;
    }
}
