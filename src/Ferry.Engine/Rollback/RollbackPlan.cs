using Ferry.Core.Rollback;

namespace Ferry.Engine.Rollback;

/// <summary>
/// A planned rollback: per district the runs it undoes (the run asked for, and with cascade the later ones, oldest
/// first), per district and entity the rows it deletes and restores, and the steps still to execute, in order.
/// <see cref="OperationId"/> is null for a plan that was only computed (a dry run), not recorded.
/// </summary>
public sealed record RollbackPlan(
    Guid? OperationId,
    Guid RunId,
    IReadOnlyList<DistrictRollback> Districts,
    IReadOnlyList<EntityRollback> Entities,
    IReadOnlyList<RollbackStep> Steps);

/// <summary>One district of a rollback: its tenant and the runs undone for it, oldest first (empty: nothing left to undo).</summary>
public sealed record DistrictRollback(string District, Guid Tenant, IReadOnlyList<Guid> Runs);

/// <summary>Rows of one entity of one district that the rollback deletes and restores (from before-images).</summary>
public sealed record EntityRollback(string District, string Entity, long RowsToDelete, long RowsToRestore);
