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
}
