using Ferry.Core.Planning;

namespace Ferry.Core.Rollback;

/// <summary>
/// What undoing some runs means for one entity of one tenant, as read from the target: whether all its rows go
/// (<see cref="Owned"/>: one of the runs owns its load), which run's before-images it returns to, how many rows are
/// deleted and restored, and whether the runs left bookkeeping (loads, batches, quarantine, images) to remove.
/// </summary>
/// <param name="Chunked">The table can be cut by id range (it has its (tenant_id, id) index); otherwise one step per kind.</param>
public sealed record EntityUndo(
    EntityMapping Mapping,
    bool Owned,
    Guid? RestoreFrom,
    long RowsToDelete,
    long RowsToRestore,
    bool Bookkeeping,
    bool Chunked = true)
{
    /// <summary>Rows of this entity go: all of the tenant's, or those the runs inserted.</summary>
    public bool Deletes => Owned || RowsToDelete > 0;
}
