namespace Ferry.Core.Deltas;

/// <summary>
/// What a delta pass is asked for: these districts (all configured ones when empty), under <paramref name="RunId"/> when
/// given (a start delivered twice with the same id takes the same run and leases again instead of being refused).
/// </summary>
public sealed record DeltaRequest(IReadOnlyList<string> Districts, Guid? RunId = null);

/// <summary>A started delta: its run id and the districts it covers, each applied by the engine's apply step.</summary>
public sealed record DeltaTicket(Guid RunId, IReadOnlyList<string> Districts);

/// <summary>
/// What one district's delta did: the change positions it covered, rows written, deleted, newly quarantined, quarantine
/// entries resolved by loading their row, conflicts found, and the entities whose rows changed (the ones worth
/// verifying). <see cref="AlreadyApplied"/>: the step had been delivered before, and this is what it did then.
/// </summary>
public sealed record DistrictDelta(
    string District,
    string From,
    string To,
    long Upserted,
    long Deleted,
    long Quarantined,
    long Resolved,
    long Conflicts,
    IReadOnlyList<string> ChangedEntities,
    bool AlreadyApplied = false)
{
    public long Rows => Upserted + Deleted;
}
