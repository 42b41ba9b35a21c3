using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.Reports.Sinks;
using Ferry.Reports.Writers;

namespace Ferry.Cli.Output;

/// <summary>
/// Feeds a run's events to its live <c>log.ndjson</c> in the reports storage (flushed every 10 s): run_started, phase,
/// load_planned, batch_committed, load_completed, message; run_finished when the caller has the outcome. Dry runs
/// have no reports, so no live log either.
/// </summary>
internal sealed class LiveLogObserver(IReportSink sink, Action<string> failed) : IRunObserver, IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);

    private LiveEventLog? _log;

    public void RunStarted(Guid runId, bool resumed, bool dryRun)
    {
        if (!dryRun)
        {
            _log = new LiveEventLog(sink, runId, FlushInterval, failed);
            Add(new AuditEvent { At = DateTimeOffset.UtcNow, Event = "run_started", State = resumed ? "resumed" : "started" });
        }
    }

    public void PhaseChanged(RunPhase phase, int done, int total) =>
        Add(new AuditEvent { At = DateTimeOffset.UtcNow, Event = "phase", State = phase.Describe(), Message = total > 0 ? $"{done}/{total}" : null });

    public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches) =>
        Add(new AuditEvent { At = DateTimeOffset.UtcNow, Event = "load_planned", District = district, Entity = entity, RowsRead = sourceRows, Message = $"{batches} batch(es), {pendingBatches} pending" });

    public void LoadSkipped(string district, string entity, string reason) =>
        Add(new AuditEvent { At = DateTimeOffset.UtcNow, Event = "load_skipped", District = district, Entity = entity, Message = reason });

    public void BatchCompleted(BatchDescriptor batch, BatchResult result)
    {
        if (!result.Skipped)
        {
            Add(new AuditEvent
            {
                At = DateTimeOffset.UtcNow,
                Event = "batch_committed",
                District = batch.District,
                Entity = batch.Entity,
                Batch = batch.BatchNo,
                RowsRead = result.RowsRead,
                RowsLoaded = result.RowsLoaded,
                RowsQuarantined = result.RowsRejected,
                RowsFixed = result.RowsFixed,
                ElapsedMs = (long)result.Elapsed.TotalMilliseconds,
                RowsPerSecond = result.Elapsed.TotalSeconds > 0 ? Math.Round(result.RowsRead / result.Elapsed.TotalSeconds, 1) : null,
            });
        }
    }

    public void LoadCompleted(string district, string entity) =>
        Add(new AuditEvent { At = DateTimeOffset.UtcNow, Event = "load_completed", District = district, Entity = entity });

    public void Message(string text) => Add(new AuditEvent { At = DateTimeOffset.UtcNow, Event = "message", Message = text });

    public void Finished(RunOutcome outcome) => Add(new AuditEvent
    {
        At = DateTimeOffset.UtcNow,
        Event = "run_finished",
        State = outcome.Exit.ToString().ToLowerInvariant(),
        Message = outcome.Message,
        RowsRead = outcome.RowsRead,
        RowsLoaded = outcome.RowsLoaded,
        RowsQuarantined = outcome.RowsRejected,
        RowsFixed = outcome.RowsFixed,
        ElapsedMs = (long)outcome.Elapsed.TotalMilliseconds,
    });

    public async ValueTask DisposeAsync()
    {
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private void Add(AuditEvent e) => _log?.Append(e);
}
