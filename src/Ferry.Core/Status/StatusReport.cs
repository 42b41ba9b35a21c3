namespace Ferry.Core.Status;

/// <summary>Where every (district, entity) stands, the runs that did the work, and the verifications of it.</summary>
public sealed record StatusReport(IReadOnlyList<EntityStatus> Entities, IReadOnlyList<RunSummary> Runs, int DeferredForeignKeys, int DeferredIndexes)
{
    /// <summary>Every verification recorded in the target databases, oldest first.</summary>
    public IReadOnlyList<VerificationSummary> Verifications { get; init; } = [];
}

/// <summary>
/// One (district, entity). <see cref="Planned"/> is the source row count when the load was planned;
/// <see cref="Remaining"/> what pending batches still have to read (an estimate until they run);
/// <see cref="ValueChanges"/> what the load changed by a documented rule.
/// </summary>
public sealed record EntityStatus(
    string District,
    string Entity,
    string State,
    long Planned,
    long Loaded,
    long Quarantined,
    long Remaining,
    int Batches,
    int BatchesDone,
    Guid? RunId)
{
    /// <summary>Values its load stored differently by a documented rule (digits below a microsecond truncated), per column.</summary>
    public IReadOnlyList<Ferry.Core.Reconciliation.ValueChange> ValueChanges { get; init; } = [];

    public long ValuesChanged => ValueChanges.Sum(c => c.Count);
}

/// <summary>
/// One run, delta or rollback (<see cref="Kind"/>; a rollback names the run it rolls back in <see cref="RollbackOf"/>).
/// <see cref="RolledBack"/> lists the districts the run has been rolled back for: it stays valid for the others.
/// </summary>
public sealed record RunSummary(Guid RunId, string State, DateTime StartedAt, DateTime? FinishedAt, string[] Districts, string? Message)
{
    public string Kind { get; init; } = "run";

    public Guid? RollbackOf { get; init; }

    public string[] RolledBack { get; init; } = [];
}

/// <summary>
/// One verification: when, which districts, and its outcome: <see cref="Parity"/> when every entity result had
/// parity; <see cref="Differing"/> of <see cref="EntityResults"/> results did not.
/// </summary>
public sealed record VerificationSummary(Guid VerifyId, DateTime StartedAt, DateTime FinishedAt, string[] Districts, bool Parity, int EntityResults, int Differing)
{
    public string Status => Parity ? "pass" : "differs";
}
