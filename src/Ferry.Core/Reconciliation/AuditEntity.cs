namespace Ferry.Core.Reconciliation;

/// <summary>
/// One line of a report: an entity of a district. A run report fills the counts from the load's own bookkeeping
/// and leaves the comparison columns (missing, extra, changed, checksums) empty: only a verification compares.
/// </summary>
public sealed record AuditEntity
{
    public const string Loaded = "loaded";
    public const string Incomplete = "incomplete";

    public required string District { get; init; }

    public required string Entity { get; init; }

    public long Source { get; init; }

    public long Target { get; init; }

    public long Quarantined { get; init; }

    /// <summary>Rows loaded after a recorded fix (a value NULLed or NUL characters stripped).</summary>
    public long Fixed { get; init; }

    /// <summary>Values the load stored differently by a documented rule (e.g. digits below a microsecond truncated), per column.</summary>
    public IReadOnlyList<ValueChange> ValueChanges { get; init; } = [];

    public long ValuesChanged => ValueChanges.Sum(c => c.Count);

    public long? Missing { get; init; }

    public long? Extra { get; init; }

    public long? Changed { get; init; }

    public string? ChecksumSource { get; init; }

    public string? ChecksumTarget { get; init; }

    /// <summary>pass or differs (verification); loaded or incomplete (run).</summary>
    public required string Status { get; init; }

    public IReadOnlyList<RowDifference> Samples { get; init; } = [];

    public long ElapsedMs { get; init; }

    public string? Note { get; init; }

    public bool Passed => Status is Parity.Pass or Loaded;
}
