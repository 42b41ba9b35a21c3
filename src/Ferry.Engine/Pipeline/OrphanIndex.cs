namespace Ferry.Engine.Pipeline;

/// <summary>
/// Per reference of one (district, entity): the parent ids known to be missing before the load starts. Built
/// from one anti-join per reference on the source (parents that never existed) and from the target's quarantine
/// (parents that exist in the source but were rejected). Parent ids, not keys, so the hot path looks up the
/// UUID it computes anyway, without allocating.
/// </summary>
internal sealed class OrphanIndex(IReadOnlyList<HashSet<Guid>> missing, IReadOnlyList<HashSet<Guid>> quarantined)
{
    public static OrphanIndex Empty(int references) =>
        new(Enumerable.Range(0, references).Select(_ => new HashSet<Guid>()).ToList(),
            Enumerable.Range(0, references).Select(_ => new HashSet<Guid>()).ToList());

    public bool IsMissing(int reference, Guid parent) => missing[reference].Contains(parent);

    public bool IsQuarantined(int reference, Guid parent) => quarantined[reference].Contains(parent);

    public int Count => missing.Sum(m => m.Count) + quarantined.Sum(q => q.Count);
}
