namespace Ferry.Engine.Status;

/// <summary>Where every (district, entity) stands, and the runs that did the work.</summary>
public sealed record StatusReport(IReadOnlyList<EntityStatus> Entities, IReadOnlyList<RunSummary> Runs, int DeferredForeignKeys, int DeferredIndexes);

/// <summary>
/// One (district, entity). <see cref="Planned"/> is the source row count when the load was planned;
/// <see cref="Remaining"/> what pending batches still have to read (an estimate until they run).
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
    Guid? RunId);

public sealed record RunSummary(Guid RunId, string State, DateTime StartedAt, DateTime? FinishedAt, string[] Districts, string? Message);
