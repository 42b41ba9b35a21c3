namespace Ferry.Core.Reconciliation;

/// <summary>The latest verification of what a run loaded: its id, when it finished, and whether those entities had parity.</summary>
public sealed record AuditVerification(Guid VerifyId, DateTimeOffset FinishedAt, bool Parity);
