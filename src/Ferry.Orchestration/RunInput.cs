namespace Ferry.Orchestration;

/// <summary>
/// What starts a run orchestration (<see cref="OrchestrationNames.Run"/>): the mode, the districts in scope (null or
/// empty: every configured district) and the entity patterns (null or empty: the configuration's selection), and for
/// <see cref="RunModes.Rollback"/> what to undo. <see cref="RequestedBy"/> names the operator for the run's log. Kept
/// small: it is recorded in the orchestration's history.
/// </summary>
public sealed record RunInput
{
    public required string Mode { get; init; }

    public IReadOnlyList<string>? Districts { get; init; }

    public IReadOnlyList<string>? Entities { get; init; }

    public RollbackInput? Rollback { get; init; }

    public string? RequestedBy { get; init; }

    /// <summary>The districts in scope, or every configured one.</summary>
    public IReadOnlyList<string> DistrictsOr(IEnumerable<string> configured) =>
        Districts is { Count: > 0 } chosen ? chosen : configured.ToList();
}
