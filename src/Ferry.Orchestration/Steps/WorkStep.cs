using Ferry.Core.Planning;

namespace Ferry.Orchestration.Steps;

/// <summary>One work item to execute, and which attempt of it this is (the first is 1).</summary>
public sealed record WorkInput(string Instance, RunScope Scope, WorkItem Item, int Attempt);

/// <summary>What executing a work item did: rows read, loaded and quarantined by the batches it committed now, and how long it took.</summary>
public sealed record WorkOutput(long RowsRead, long RowsLoaded, long RowsRejected, int Batches, long DurationMs);

/// <summary>Marks finished those of a group's loads that have no pending batch.</summary>
public sealed record FinishLoadInput(string Instance, Guid RunId, string District, RunScope Scope, IReadOnlyList<string> Entities)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>The loads now finished, and lines for the operator.</summary>
public sealed record FinishLoadOutput(IReadOnlyList<string> Finished, IReadOnlyList<string> Notes);
