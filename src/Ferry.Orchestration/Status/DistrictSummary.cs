namespace Ferry.Orchestration.Status;

/// <summary>
/// One district's progress as a run's custom status carries it: its state (<c>pending</c>, <c>planning</c>,
/// <c>loading</c>, <c>verifying</c>, <c>completed</c>, <c>failed</c>), entities done of planned, rows loaded and
/// quarantined, rows per second over the last 10 seconds and the estimated seconds left at that rate (null until it
/// can be told), and the reason when it failed. A few hundred bytes, so fifty of them stay well under the provider's
/// 16 KB.
/// </summary>
public sealed record DistrictSummary
{
    public required string State { get; init; }

    public int EntitiesDone { get; init; }

    public int EntitiesPlanned { get; init; }

    public long RowsLoaded { get; init; }

    public long RowsQuarantined { get; init; }

    public double? RowsPerSecond { get; init; }

    public long? EtaSeconds { get; init; }

    public string? Failure { get; init; }
}
