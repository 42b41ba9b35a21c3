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
    /// Carries each district's legacy changes over since its last load or delta, then verifies only the entities the
    /// delta changed (a full verification is <see cref="Verify"/>) and writes the reports. Started over HTTP and by the
    /// schedule (<c>districts[].deltaSchedule</c>).
    /// </summary>
    public const string Delta = "delta";

    /// <summary>
    /// Introspects the first district in scope and creates the target schema from it, as <c>dm scaffold --apply</c>
    /// does (nothing applied when legacy names collide); the DDL and the mapping it wrote go to the reports storage.
    /// </summary>
    public const string Scaffold = "scaffold";

    /// <summary>
    /// Checks the whole configuration without loading, as <c>dm validate</c> does: one line per problem, or ready. Reads
    /// catalogs only, so it runs beside any other operation.
    /// </summary>
    public const string Validate = "validate";

    /// <summary>Every mode this build's orchestrator runs.</summary>
    public static IReadOnlyList<string> All { get; } = [Full, Delta, Verify, Rollback, Scaffold, Validate];

    public static bool IsKnown(string? mode) => mode is not null && All.Contains(mode, StringComparer.Ordinal);
}
