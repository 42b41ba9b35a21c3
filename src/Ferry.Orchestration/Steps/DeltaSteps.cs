namespace Ferry.Orchestration.Steps;

/// <summary>
/// Starts a delta of the scope's districts (the engine's delta <c>Start</c>), proposing <paramref name="ProposedRunId"/>
/// as its run id; without one (an instance id that is not a GUID, as the schedule's are) the run id is derived from the
/// instance id, so a start delivered twice takes the same run again.
/// </summary>
public sealed record StartDeltaInput(string Instance, RunScope Scope, Guid? ProposedRunId)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>A started delta: its run id and the districts it covers, in order.</summary>
public sealed record StartedDelta(Guid RunId, IReadOnlyList<string> Districts);

/// <summary>Applies one district's legacy changes since its stored position (the engine's delta <c>ApplyDistrict</c>).</summary>
public sealed record ApplyDeltaInput(string Instance, Guid RunId, string District, RunScope Scope)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>Records how the delta ended (<c>completed</c>, <c>failed</c>) and gives up its leases.</summary>
public sealed record FinishDeltaInput(string Instance, Guid RunId, RunScope Scope, string State, string? Message)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}
