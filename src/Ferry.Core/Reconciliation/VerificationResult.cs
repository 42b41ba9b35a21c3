namespace Ferry.Core.Reconciliation;

/// <summary>One verification of the districts and entities in scope; parity holds when every entity has it.</summary>
public sealed record VerificationResult
{
    public required Guid VerifyId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required IReadOnlyList<string> Districts { get; init; }

    public required IReadOnlyList<string> EntityScope { get; init; }

    public required IReadOnlyList<EntityReconciliation> Entities { get; init; }

    public string? Host { get; init; }

    public bool HasParity => Entities.All(e => e.HasParity);

    public long SourceRows => Entities.Sum(e => e.SourceRows);

    public TimeSpan Elapsed => FinishedAt - StartedAt;

    /// <summary>Source rows verified per second of wall time (each row is also read and compared on the target side).</summary>
    public double RowsPerSecond => SourceRows / Math.Max(Elapsed.TotalSeconds, 0.001);
}
