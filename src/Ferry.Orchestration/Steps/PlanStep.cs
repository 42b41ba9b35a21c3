using Ferry.Core.Planning;

namespace Ferry.Orchestration.Steps;

/// <summary>Plans one district of a run (or reads back the plan recorded before), as the engine's <c>PlanDistrict</c> step.</summary>
public sealed record PlanInput(string Instance, Guid RunId, string District, RunScope Scope)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>The batches still pending of one load, for a load some of whose batches committed already.</summary>
public sealed record PendingWorkInput(string Instance, RunScope Scope, Guid RunId, string District, Guid Tenant, string Target, string Entity)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// The pending batch numbers of one load, and the chains to dispatch them in (<see cref="Flow.BatchChains"/>; null in
/// histories recorded before chains, whose districts dispatch one work item per batch).
/// </summary>
public sealed record PendingWorkOutput(IReadOnlyList<int> Batches)
{
    public IReadOnlyList<Flow.BatchChain>? Chains { get; init; }
}

/// <summary>The district's plan as the engine recorded it.</summary>
public sealed record PlanOutput(DistrictPlan Plan);
