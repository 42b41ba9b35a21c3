namespace Ferry.Core.Rollback;

/// <summary>
/// Undoing <see cref="Runs"/> (oldest first) for one tenant in one target database: the runs a rollback covers for
/// that district (the run asked for and, with cascade, every later run that changed the district's rows).
/// </summary>
public sealed record TenantUndo(string Target, string District, Guid Tenant, IReadOnlyList<Guid> Runs, IReadOnlyList<EntityUndo> Entities);
