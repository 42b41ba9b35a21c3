namespace Ferry.Orchestration;

/// <summary>What a run orchestration does (<see cref="RunInput.Mode"/>).</summary>
public static class RunModes
{
    /// <summary>Loads every district in scope, restores the deferred constraints once, verifies each district, writes the reports.</summary>
    public const string Full = "full";

    /// <summary>Verifies each district in scope against its legacy database and writes the reports; loads nothing.</summary>
    public const string Verify = "verify";

    /// <summary>Undoes a run (<see cref="RunInput.Rollback"/>) for the districts in scope.</summary>
    public const string Rollback = "rollback";

    /// <summary>
    /// Carries a district's legacy changes over since its last load or delta, then verifies the entities it changed.
    /// Named here for the schedule (<c>districts[].deltaSchedule</c>); not in <see cref="All"/> until the engine's delta
    /// steps exist, so nothing starts it before then.
    /// </summary>
    public const string Delta = "delta";

    /// <summary>Every mode this build's orchestrator runs.</summary>
    public static IReadOnlyList<string> All { get; } = [Full, Verify, Rollback];

    public static bool IsKnown(string? mode) => mode is not null && All.Contains(mode, StringComparer.Ordinal);
}
