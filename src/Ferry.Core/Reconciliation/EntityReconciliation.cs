namespace Ferry.Core.Reconciliation;

/// <summary>
/// What verification found for one entity of one district. <see cref="Quarantined"/> counts the source rows that the
/// quarantine accounts for (rejected, matched by row id); <see cref="Missing"/>, <see cref="Extra"/> and
/// <see cref="Changed"/> are exact counts, <see cref="Samples"/> a bounded selection of them. The checksums cover the
/// source rows not quarantined and every target row of the tenant.
/// </summary>
public sealed record EntityReconciliation
{
    public required string District { get; init; }

    public required Guid Tenant { get; init; }

    public required string Entity { get; init; }

    public required string TargetTable { get; init; }

    public long SourceRows { get; init; }

    public long TargetRows { get; init; }

    public long Quarantined { get; init; }

    public long Missing { get; init; }

    public long Extra { get; init; }

    public long Changed { get; init; }

    public ContentChecksum SourceChecksum { get; init; }

    public ContentChecksum TargetChecksum { get; init; }

    public IReadOnlyList<RowDifference> Samples { get; init; } = [];

    public TimeSpan Elapsed { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    public int Buckets { get; init; }

    public int BucketsDiffering { get; init; }

    /// <summary>The run that loaded this entity for this district, when it was loaded.</summary>
    public Guid? LoadRunId { get; init; }

    /// <summary>
    /// Values the load that brought this entity in stored differently by a documented rule, per column; verify
    /// compares after the rule, so they do not count as changed rows.
    /// </summary>
    public IReadOnlyList<ValueChange> ValueChanges { get; init; } = [];

    public long ValuesChanged => ValueChanges.Sum(c => c.Count);

    /// <summary>Anything the numbers alone do not say, e.g. that the entity was never loaded.</summary>
    public string? Note { get; init; }

    public bool HasParity => Parity.Holds(SourceRows, TargetRows, Quarantined, Missing, Extra, Changed, SourceChecksum, TargetChecksum);

    public string Status => Parity.Status(HasParity);

    public double RowsPerSecond => SourceRows / Math.Max(Elapsed.TotalSeconds, 0.001);
}
