using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;

namespace Ferry.Cli.Output;

/// <summary>Hands every event to each observer in turn: the display and the live log.</summary>
internal sealed class RunObservers(params IRunObserver[] observers) : IRunObserver
{
    public void RunStarted(Guid runId, bool resumed, bool dryRun) => Each(o => o.RunStarted(runId, resumed, dryRun));

    public void PhaseChanged(RunPhase phase, int done, int total) => Each(o => o.PhaseChanged(phase, done, total));

    public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches) =>
        Each(o => o.LoadPlanned(district, entity, sourceRows, batches, pendingBatches));

    public void LoadSkipped(string district, string entity, string reason) => Each(o => o.LoadSkipped(district, entity, reason));

    public void BatchCompleted(BatchDescriptor batch, BatchResult result) => Each(o => o.BatchCompleted(batch, result));

    public void LoadCompleted(string district, string entity) => Each(o => o.LoadCompleted(district, entity));

    public void Message(string text) => Each(o => o.Message(text));

    private void Each(Action<IRunObserver> call)
    {
        foreach (var o in observers)
        {
            call(o);
        }
    }
}
