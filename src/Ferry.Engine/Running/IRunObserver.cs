using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Running;

/// <summary>Receives progress as a run goes; the command line renders it. Calls may come from several threads.</summary>
public interface IRunObserver
{
    void RunStarted(Guid runId, bool resumed, bool dryRun);

    void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches);

    void LoadSkipped(string district, string entity, string reason);

    void BatchCompleted(BatchDescriptor batch, BatchResult result);

    void LoadCompleted(string district, string entity);

    void Message(string text);

    /// <summary>
    /// The run moved to <paramref name="phase"/>, or advanced in it: <paramref name="done"/> of <paramref name="total"/>
    /// districts planned, indexes built, foreign keys validated (0 of 0 where there is nothing to count).
    /// </summary>
    void PhaseChanged(RunPhase phase, int done, int total)
    {
    }
}
