namespace Ferry.Core.Reconciliation;

/// <summary>How many quarantine records have one action (rejected, nulled, stripped) and reason code.</summary>
public sealed record AuditReason(string Action, string ReasonCode, long Count);
