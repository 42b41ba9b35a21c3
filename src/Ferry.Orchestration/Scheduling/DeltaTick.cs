namespace Ferry.Orchestration.Scheduling;

/// <summary>
/// What one tick did for a due district: <c>started</c>, <c>already started</c> (another host's tick of the same
/// minute got there first), or <c>skipped</c> (an operation on the district is still going, named in the reason).
/// </summary>
public sealed record DeltaTick(DueDelta Due, string Outcome, string? Reason = null);
