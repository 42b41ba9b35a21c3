namespace Ferry.Engine.Rollback;

/// <summary>
/// A finished rollback: the (run, district) pairs now rolled back, rows deleted and restored per district over every
/// attempt of the operation, and the districts whose registration was cleared (no run left for them).
/// </summary>
public sealed record RollbackOutcome(
    Guid OperationId,
    IReadOnlyList<(Guid Run, string District)> RolledBack,
    IReadOnlyDictionary<string, (long Deleted, long Restored)> Rows,
    IReadOnlyList<string> Unregistered);
