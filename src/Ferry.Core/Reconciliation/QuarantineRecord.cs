namespace Ferry.Core.Reconciliation;

/// <summary>One row of the quarantine as the reports list it; <see cref="Row"/> is the original source row as JSON.</summary>
public sealed record QuarantineRecord(
    long QuarantineId,
    DateTimeOffset At,
    Guid RunId,
    string District,
    string Entity,
    int? Batch,
    string? LegacyKey,
    Guid? Id,
    string Action,
    string ReasonCode,
    string? Column,
    string Reason,
    string Row);
