namespace Ferry.Engine.Running;

/// <summary>
/// How one invocation runs. <see cref="Stop"/> asks for a clean stop at the next batch boundary (the window
/// closing, or a first Ctrl+C); the cancellation token passed alongside aborts in-flight batches (rolled back).
/// </summary>
public sealed record RunOptions
{
    public bool DryRun { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public CancellationToken Stop { get; init; }

    public int? Parallelism { get; init; }

    /// <summary>Keep the indexes of tables loaded from empty instead of building them after the load.</summary>
    public bool KeepIndexes { get; init; }

    /// <summary>
    /// Districts whose legacy database may have a new fingerprint (restored from backup, failed over): the run records
    /// it after checking the database is still the one the configuration names.
    /// </summary>
    public IReadOnlySet<string> AcceptSourceChange { get; init; } = new HashSet<string>();

    /// <summary>A change to how one column's values are carried, for tests that prove verification catches it.</summary>
    internal Func<Core.Planning.ColumnMap, Pipeline.ColumnTransfer, Pipeline.ColumnTransfer>? ValueFault { get; init; }
}
