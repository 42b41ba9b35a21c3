namespace Ferry.Core.Rollback;

/// <summary>What a rollback step does, in the order the kinds run for one tenant.</summary>
public enum RollbackStepKind
{
    /// <summary>
    /// NULLs (or points at the row itself, for a NOT NULL self-reference) the references that make a cycle, on the rows
    /// about to be deleted, so children-first deletion never meets a row still referenced from inside the cycle.
    /// </summary>
    Detach,

    /// <summary>Deletes the rows the runs added, children first.</summary>
    Delete,

    /// <summary>Writes rows back from their before-images, parents first, with the cycle's references left out.</summary>
    Restore,

    /// <summary>Sets the cycle's references of the restored rows from their before-images.</summary>
    Reattach,

    /// <summary>Removes the runs' loads, batches, quarantine and counters for the entity and puts back what they replaced.</summary>
    Bookkeeping,
}
