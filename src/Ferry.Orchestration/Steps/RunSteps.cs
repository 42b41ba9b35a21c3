namespace Ferry.Orchestration.Steps;

/// <summary>Restores the deferred indexes and foreign keys of a run, once its loads are done.</summary>
public sealed record RestoreInput(string Instance, Guid RunId, RunScope Scope)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>Per target database what restoring did, one line each; <see cref="Deferred"/> when another run still loads there.</summary>
public sealed record RestoreOutput(IReadOnlyList<string> Lines, bool Deferred, long Moved);

/// <summary>Verifies one district against its legacy database (every entity in scope).</summary>
public sealed record VerifyInput(string Instance, string District, RunScope Scope)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>A district's verification: its id (its reports are under <c>runs/{id}/</c>), parity, entities compared and those differing.</summary>
public sealed record VerifyOutput(string District, Guid VerifyId, bool HasParity, int Entities, int Differing, long SourceRows);

/// <summary>Records how the run ended (<c>completed</c>, <c>failed</c>, <c>stopped</c>) and gives up its leases.</summary>
public sealed record FinishRunInput(string Instance, Guid RunId, RunScope Scope, string State, string? Message)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// Writes the reports of the run (when there is one) and of each verification, and the orchestration's activity
/// log, under <c>runs/{id}/</c> of the configured reports storage.
/// </summary>
public sealed record PublishInput(string Instance, Guid? RunId, IReadOnlyList<Guid> Verifications)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>Where the reports went: the summary page of the run (or of the first verification), and any failure to write them.</summary>
public sealed record PublishOutput(string? Summary, IReadOnlyList<string> Prefixes, string? Failure);

/// <summary>A rollback as one activity: the engine's rollback is resumable and holds its own leases.</summary>
public sealed record RollbackStepInput(string Instance, RollbackInput Rollback, IReadOnlyList<string>? Districts)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>How the rollback ended: its operation id, state (<c>completed</c>, <c>failed</c>, <c>planned</c> for a dry run), rows deleted and restored, and the reason when it failed.</summary>
public sealed record RollbackStepOutput(Guid? OperationId, string State, long RowsDeleted, long RowsRestored, IReadOnlyList<string> Lines, string? Failure);
