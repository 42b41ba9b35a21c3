namespace Ferry.Engine.Work;

/// <summary>
/// A work item could not commit because its run's lease had lapsed (its holder was paused or cut off for longer than
/// the lease lives). Nothing of it was committed; the engine takes the lease back, defers again what another run
/// restored meanwhile, and runs the item again.
/// </summary>
public sealed class LeaseLostException(Guid runId) : Exception($"the lease of run {runId} lapsed before its work could commit")
{
    public Guid RunId { get; } = runId;
}
