namespace Ferry.Core.Reconciliation;

/// <summary>
/// Everything an audit report says, built from the target databases' own tables (never from a process's memory), so
/// it can be written again at any later time. Large parts (the event log and the quarantine) stream from
/// <see cref="IAuditDetails"/> instead.
/// </summary>
public sealed record AuditReport
{
    public required AuditKind Kind { get; init; }

    /// <summary>The run id, or the verification id.</summary>
    public required Guid Id { get; init; }

    /// <summary>A run: completed, failed, stopped, running. A verification: pass or differs.</summary>
    public required string State { get; init; }

    public string? Message { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public IReadOnlyList<string> Districts { get; init; } = [];

    public IReadOnlyList<string> EntityScope { get; init; } = [];

    public required IReadOnlyList<AuditEntity> Entities { get; init; }

    public IReadOnlyList<AuditReason> Reasons { get; init; } = [];

    /// <summary>The quarantine by district, entity, action and reason code, largest first.</summary>
    public IReadOnlyList<QuarantineGroup> Quarantine { get; init; } = [];

    /// <summary>The finished pieces of work (a run's committed batches, a verification's entities), for the rate over time.</summary>
    public IReadOnlyList<AuditSpan> Spans { get; init; } = [];

    /// <summary>For a run, the latest verification of the entities it loaded, when there is one.</summary>
    public AuditVerification? Verification { get; init; }

    /// <summary>Rows read from the source: by the run's batches, or by the verification.</summary>
    public long RowsRead { get; init; }

    public TimeSpan Elapsed => (FinishedAt ?? StartedAt) - StartedAt;

    public double RowsPerSecond => RowsRead / Math.Max(Elapsed.TotalSeconds, 0.001);

    /// <summary>For a verification, the runs that loaded what it verified.</summary>
    public IReadOnlyList<Guid> Runs { get; init; } = [];

    public string? Host { get; init; }

    /// <summary>A run: <c>load</c> or <c>delta</c>; null for a verification.</summary>
    public string? RunKind { get; init; }

    /// <summary>A delta run: per district, the positions it covered and its changes per entity.</summary>
    public IReadOnlyList<AuditDelta> Deltas { get; init; } = [];

    /// <summary>A load run: per district, whether deltas can follow it and from which change position.</summary>
    public IReadOnlyList<AuditChangeCapture> ChangeCapture { get; init; } = [];

    /// <summary>The report's districts cut over (when the report was written).</summary>
    public IReadOnlyList<AuditCutOver> CutOvers { get; init; } = [];

    /// <summary>The purges of the report's districts (when the report was written).</summary>
    public IReadOnlyList<AuditPurge> Purges { get; init; } = [];

    /// <summary>A run passes when it completed and every entity loaded; a verification when every entity has parity.</summary>
    public bool Passed => Kind == AuditKind.Verify
        ? Entities.All(e => e.Status == Parity.Pass)
        : State == "completed" && Entities.All(e => e.Status == AuditEntity.Loaded);

    /// <summary>The headline: a run that completed is not verified until a verification of what it loaded says so (<see cref="AuditVerdict"/>).</summary>
    public AuditVerdict Verdict => !Passed ? AuditVerdict.Fail
        : Kind == AuditKind.Verify ? AuditVerdict.Pass
        : Verification switch
        {
            null => AuditVerdict.NotVerified,
            { Parity: true } => AuditVerdict.Pass,
            _ => AuditVerdict.Fail,
        };
}
