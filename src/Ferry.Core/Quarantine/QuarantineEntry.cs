namespace Ferry.Core.Quarantine;

/// <summary>A row that did not load as it was: rejected, or loaded after a recorded fix.</summary>
public sealed record QuarantineEntry(
    string? LegacyKey,
    Guid? Id,
    string Action,
    string ReasonCode,
    string? Column,
    string Reason,
    string RowJson);
