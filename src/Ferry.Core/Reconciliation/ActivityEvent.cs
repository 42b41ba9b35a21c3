namespace Ferry.Core.Reconciliation;

/// <summary>
/// One line of a durable run's activity log: which activity of which orchestration (and run, district, entity, work
/// item), its attempt, how it went (<c>started</c>, <c>completed</c>, <c>failed</c>), the rows it loaded, how long it
/// took, the worker that ran it and, on failure, why.
/// </summary>
public sealed record ActivityEvent
{
    public DateTimeOffset At { get; init; }

    public required string Instance { get; init; }

    public Guid? RunId { get; init; }

    public required string Activity { get; init; }

    public string? District { get; init; }

    public string? Entity { get; init; }

    public string? WorkItem { get; init; }

    public int Attempt { get; init; } = 1;

    public required string Outcome { get; init; }

    public long? Rows { get; init; }

    public long? DurationMs { get; init; }

    public required string Worker { get; init; }

    public string? Message { get; init; }
}
