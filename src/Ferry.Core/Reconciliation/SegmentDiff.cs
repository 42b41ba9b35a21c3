namespace Ferry.Core.Reconciliation;

/// <summary>Which columns of two versions of a row differ, from their per-segment hashes (segment 0 is the id).</summary>
public static class SegmentDiff
{
    public const string IdColumn = "id";

    /// <summary>Names of the differing segments: <c>id</c> for segment 0, otherwise the legacy column name.</summary>
    public static IReadOnlyList<string> Columns(ReadOnlySpan<ulong> source, ReadOnlySpan<ulong> target, IReadOnlyList<string> columnNames) =>
        Segments(source, target).Select(s => s == 0 ? IdColumn : columnNames[s - 1]).ToList();

    /// <summary>Positions of the differing segments: 0 is the id, n the n-th mapped column.</summary>
    public static IReadOnlyList<int> Segments(ReadOnlySpan<ulong> source, ReadOnlySpan<ulong> target)
    {
        var segments = new List<int>();
        var n = Math.Min(source.Length, target.Length);
        for (var s = 0; s < n; s++)
        {
            if (source[s] != target[s])
            {
                segments.Add(s);
            }
        }

        return segments;
    }
}
