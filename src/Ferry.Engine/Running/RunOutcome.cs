namespace Ferry.Engine.Running;

/// <summary>The result of a run, for the caller to report. Failures are returned here, not thrown.</summary>
public sealed record RunOutcome(
    Guid RunId,
    RunExit Exit,
    string? Message,
    long RowsRead,
    long RowsLoaded,
    long RowsRejected,
    long RowsFixed,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, long> Reasons,
    IReadOnlyList<EntityOutcome> Entities);

/// <summary>Per (district, entity) figures of one run.</summary>
public sealed record EntityOutcome(string District, string Entity, long SourceRows, long RowsRead, long RowsLoaded, long RowsRejected, long RowsFixed, string State);
