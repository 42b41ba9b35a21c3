namespace Ferry.Core.Reconciliation;

/// <summary>
/// Settles the rows of one id that the quarantine rejected although the target holds a row with that id: a
/// duplicated legacy key, where one copy loaded and the others were rejected. Each target row is paired with a
/// source copy of identical content if there is one (the copy that loaded), otherwise with the first remaining copy
/// (changed); the copies left over are quarantined up to the number of recorded rejections, and missing beyond it.
/// Source copies are taken in hash order, so the outcome does not depend on the order they were read in.
/// </summary>
public static class DuplicateKeys
{
    public sealed record Outcome(long Quarantined, ContentChecksum Source, ContentChecksum Target);

    public static Outcome Resolve(
        IReadOnlyList<EncodedRow> source,
        IReadOnlyList<EncodedRow> target,
        int rejected,
        IReadOnlyList<string> columnNames,
        DifferenceLog differences)
    {
        var copies = source.OrderBy(r => r.Hash).ToList();
        var used = new bool[copies.Count];
        ContentChecksum sourceSum = default, targetSum = default;
        foreach (var t in target.OrderBy(r => r.Hash))
        {
            targetSum.Add(t.Hash);
            var match = Enumerable.Range(0, copies.Count).FirstOrDefault(i => !used[i] && copies[i].Hash == t.Hash, -1);
            if (match < 0)
            {
                match = Array.IndexOf(used, false);
                if (match < 0)
                {
                    differences.Add(DifferenceKind.Extra, t.Key);
                    continue;
                }

                differences.Add(DifferenceKind.Changed, t.Key, SegmentDiff.Columns(copies[match].Segments, t.Segments, columnNames));
            }

            used[match] = true;
            sourceSum.Add(copies[match].Hash);
        }

        long quarantined = 0;
        for (var i = 0; i < copies.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            if (quarantined < rejected)
            {
                quarantined++;
                continue;
            }

            sourceSum.Add(copies[i].Hash);
            differences.Add(DifferenceKind.Missing, copies[i].Key);
        }

        return new Outcome(quarantined, sourceSum, targetSum);
    }
}
