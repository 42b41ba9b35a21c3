using Ferry.Core.Deltas;
using Ferry.Orchestration.Status;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration;

/// <summary>
/// A run orchestration's output: the mode, the engine's run id (none for verify and rollback), how it ended
/// (<c>completed</c>; <c>differs</c> when a verification found a difference; <c>failed</c> with the reasons), each
/// district's summary, the verifications with their ids, where the reports are, a rollback's outcome, a delta's
/// changes, what scaffolding applied and what validation found. <see cref="Messages"/> holds the lines an operator
/// reads (for <c>validate</c>, one per problem, then <c>ready</c> or <c>not ready</c>).
/// </summary>
public sealed record RunOutcome
{
    public required string Mode { get; init; }

    public Guid? RunId { get; init; }

    public required string State { get; init; }

    public string? Failure { get; init; }

    public IReadOnlyDictionary<string, DistrictSummary> Districts { get; init; } = new Dictionary<string, DistrictSummary>();

    public IReadOnlyList<VerifyOutput> Verifications { get; init; } = [];

    public IReadOnlyList<string> Messages { get; init; } = [];

    public string? Report { get; init; }

    public RollbackStepOutput? Rollback { get; init; }

    /// <summary>What a delta did in each district it applied.</summary>
    public IReadOnlyList<DistrictDelta> Deltas { get; init; } = [];

    /// <summary>What <c>scaffold</c> applied and wrote.</summary>
    public ScaffoldOutput? Scaffold { get; init; }

    /// <summary>What <c>validate</c> found.</summary>
    public ValidateOutput? Validation { get; init; }
}
