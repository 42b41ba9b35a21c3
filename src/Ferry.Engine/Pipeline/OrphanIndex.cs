namespace Ferry.Engine.Pipeline;

/// <summary>
/// Per reference of one (district, entity): which parents are missing before the load starts. A reference to a
/// single integer key whose parent's keys fit a <see cref="ParentKeySet"/> is checked against the parent's keys
/// (<paramref name="present"/>); any other through the parent ids an anti-join on the source found missing. The
/// target's quarantine adds parents that exist in the source but were rejected. Ids, not keys, for everything but
/// the key sets, so the hot path looks up the UUID it computes anyway, without allocating.
/// </summary>
internal sealed class OrphanIndex(IReadOnlyList<HashSet<Guid>> missing, IReadOnlyList<HashSet<Guid>> quarantined, IReadOnlyList<ParentKeySet?>? present = null)
{
    public static OrphanIndex Empty(int references) =>
        new(Enumerable.Range(0, references).Select(_ => new HashSet<Guid>()).ToList(),
            Enumerable.Range(0, references).Select(_ => new HashSet<Guid>()).ToList());

    /// <summary>True when the reference is checked by its integer key: callers must use the key overload.</summary>
    public bool ByKey(int reference) => present?[reference] is not null;

    public bool IsMissing(int reference, Guid parent) => missing[reference].Contains(parent);

    public bool IsMissing(int reference, long parentKey, Guid parent) =>
        present?[reference] is { } keys ? !keys.Contains(parentKey) : missing[reference].Contains(parent);

    public bool IsQuarantined(int reference, Guid parent) => quarantined[reference].Contains(parent);

    public int Count => missing.Sum(m => m.Count) + quarantined.Sum(q => q.Count);
}
