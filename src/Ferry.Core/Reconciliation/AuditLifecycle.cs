namespace Ferry.Core.Reconciliation;

/// <summary>A district cut over: when, at which change position, by which run; no delta applies to it afterwards.</summary>
public sealed record AuditCutOver(string District, DateTimeOffset At, string Position, Guid RunId);

/// <summary>
/// A purge of the personal data kept for a district: when, what was older than <see cref="Before"/>, and its summary
/// (per kind, the rows touched, their quarantine reasons and a checksum of what they held), as JSON.
/// </summary>
public sealed record AuditPurge(string District, DateTimeOffset At, DateTimeOffset Before, string Summary);
