namespace Ferry.Core.Reconciliation;

/// <summary>
/// The quarantine records of one district and entity with one action (rejected, nulled, stripped) and reason code:
/// how many, and the recorded reason of the first of them (by quarantine id) as an example in the loader's words.
/// </summary>
public sealed record QuarantineGroup(string District, string Entity, string Action, string ReasonCode, long Count, string Example);
