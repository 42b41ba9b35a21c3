namespace Ferry.Core.Reconciliation;

/// <summary>
/// One line of the run log: the start or end of a run or a verification, a committed batch (with its timing and
/// counts), or a verified entity. Fields that do not apply are null.
/// </summary>
public sealed record AuditEvent
{
    public required DateTimeOffset At { get; init; }

    /// <summary>run_started, batch_committed, run_finished, verify_started, entity_verified, verify_finished.</summary>
    public required string Event { get; init; }

    public string? District { get; init; }

    public string? Entity { get; init; }

    public int? Batch { get; init; }

    public long? RowsRead { get; init; }

    public long? RowsLoaded { get; init; }

    public long? RowsQuarantined { get; init; }

    public long? RowsFixed { get; init; }

    public long? ElapsedMs { get; init; }

    public double? RowsPerSecond { get; init; }

    public string? State { get; init; }

    public string? Message { get; init; }
}
