namespace Ferry.Core.Reconciliation;

/// <summary>
/// What a delta run did to one district: the change positions it covered (changes after <see cref="From"/> up to
/// <see cref="To"/>), when it applied them, whether that was rolled back since, and per entity what changed.
/// </summary>
public sealed record AuditDelta(string District, string From, string To, DateTimeOffset AppliedAt, bool RolledBack, IReadOnlyList<AuditDeltaEntity> Entities)
{
    public long Inserted => Entities.Sum(e => e.Inserted);

    public long Updated => Entities.Sum(e => e.Updated);

    public long Deleted => Entities.Sum(e => e.Deleted);

    public long Quarantined => Entities.Sum(e => e.Quarantined);

    public long Resolved => Entities.Sum(e => e.Resolved);

    public long Conflicts => Entities.Sum(e => e.ConflictsOpen + e.ConflictsLegacyWon);
}

/// <summary>
/// One entity's changes in a delta: rows inserted, updated and deleted in the target; rows newly quarantined; earlier
/// quarantine entries resolved by loading the row; conflicts with another writer left as they were
/// (<c>conflicts: report</c>) and conflicts the legacy row won (<c>legacy-wins</c>).
/// </summary>
public sealed record AuditDeltaEntity(string Entity, long Inserted, long Updated, long Deleted, long Quarantined, long Resolved, long ConflictsOpen, long ConflictsLegacyWon);
