using Ferry.Core.Planning;

namespace Ferry.Orchestration.Steps;

/// <summary>
/// One work item to execute, and which attempt of it this is (the first is 1). <see cref="Finish"/>: the loads to mark
/// finished once it is done (when it is the only work item of their group), so they need no activity of their own.
/// </summary>
public sealed record WorkInput(string Instance, RunScope Scope, WorkItem Item, int Attempt)
{
    public IReadOnlyList<string>? Finish { get; init; }
}

/// <summary>
/// What executing a work item did: rows read, loaded and quarantined by the batches it committed now, how long it
/// took, and which of the loads it was asked to finish are finished (null when it was asked none).
/// </summary>
public sealed record WorkOutput(long RowsRead, long RowsLoaded, long RowsRejected, int Batches, long DurationMs)
{
    public IReadOnlyList<string>? Finished { get; init; }
}

/// <summary>Marks finished those of a group's loads that have no pending batch.</summary>
public sealed record FinishLoadInput(string Instance, Guid RunId, string District, RunScope Scope, IReadOnlyList<string> Entities)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>The loads now finished, and lines for the operator.</summary>
public sealed record FinishLoadOutput(IReadOnlyList<string> Finished, IReadOnlyList<string> Notes);
