namespace Ferry.Orchestration.Steps;

/// <summary>
/// The districts and entity patterns of a run as it was asked for (null: every configured district, the
/// configuration's entities). Every activity of the run carries it, so any worker opens the engine on the same scope;
/// the usual request (everything) makes it a few bytes.
/// </summary>
public sealed record RunScope(IReadOnlyList<string>? Districts, IReadOnlyList<string>? Entities)
{
    /// <summary>Names the scope within one process, for the engines it keeps open.</summary>
    public string Key => $"{Join(Districts)}|{Join(Entities)}";

    private static string Join(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(",", values.Order(StringComparer.Ordinal)) : "*";
}

/// <summary>Resolves a run's scope before anything starts (unknown districts refused).</summary>
public sealed record ResolveInput(string Instance, RunScope Scope)
{
    /// <summary>Which attempt this is (the first is 1), for the activity log.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// The districts in scope with what each reads and writes, and the configuration's <c>limits:</c> and
/// <c>retries.activityAttempts</c>, which the orchestrator cannot read itself (it does no I/O).
/// </summary>
public sealed record ResolvedScope(IReadOnlyList<DistrictResources> Districts, int PerSource, int PerTarget, int Attempts);
