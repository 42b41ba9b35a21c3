namespace Ferry.Orchestration.Steps;

/// <summary>Starts (or resumes) the engine's run for a run orchestration; <see cref="ProposedRunId"/> is its instance id when that is a UUID.</summary>
public sealed record StartRunInput(string Instance, RunScope Scope, Guid? ProposedRunId)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// The started run: its id, whether it resumed an unfinished run of the same scope, lines for the operator, and the
/// districts in scope with the legacy database and target databases each uses (for the orchestrator's limits).
/// </summary>
public sealed record StartedRun(Guid RunId, bool Resumed, IReadOnlyList<string> Messages, IReadOnlyList<DistrictResources> Districts);

/// <summary>What one district's work reads and writes: its legacy database (server and database) and the target databases of the entities in scope.</summary>
public sealed record DistrictResources(string District, string Source, IReadOnlyList<string> Targets);
