namespace Ferry.Engine.Pipeline;

/// <summary>What one batch did. <see cref="Skipped"/> when another process had already committed or was committing it.</summary>
public sealed record BatchResult(
    long RowsRead,
    long RowsLoaded,
    long RowsRejected,
    long RowsFixed,
    TimeSpan Elapsed,
    bool Skipped = false,
    IReadOnlyDictionary<string, long>? Reasons = null,
    IReadOnlyDictionary<string, long>? Truncated = null)
{
    public static BatchResult SkippedBatch { get; } = new(0, 0, 0, 0, TimeSpan.Zero, Skipped: true);
}
