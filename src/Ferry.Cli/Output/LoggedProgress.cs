using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Logging;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Output;

/// <summary>
/// Progress of a run as log events, for output that is not a terminal (CI, cron, files) or that a machine reads:
/// each event with the run, district and entity as scopes and its figures as named values, so the JSON format
/// carries them as fields. Percent, rows/s (last 10 s) and ETA come from the plan, as on the terminal.
/// </summary>
internal sealed class LoggedProgress(ILogger logger) : IRunObserver
{
    private readonly ProgressTracker _tracker = new();
    private Guid _runId;

    public void RunStarted(Guid runId, bool resumed, bool dryRun)
    {
        _runId = runId;
        using var scope = Scope(null, null);
        logger.LogInformation("run {RunId} {How}", runId, dryRun ? "dry run: nothing will be written" : resumed ? "resumed" : "started");
    }

    public void PhaseChanged(RunPhase phase, int done, int total)
    {
        var before = _tracker.PhaseText;
        _tracker.PhaseChanged(phase, done, total);
        // One line when a phase starts; counted phases again at each step, but planning only once it is complete.
        if (before != _tracker.PhaseText && (phase != RunPhase.Planning || done == 0 || done == total) && phase != RunPhase.Done)
        {
            using var scope = Scope(null, null);
            logger.LogInformation("phase: {Phase}", _tracker.PhaseText);
        }
    }

    public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches)
    {
        _tracker.Planned(district, entity, sourceRows, batches, pendingBatches);
        using var scope = Scope(district, entity);
        logger.LogInformation(
            "{District} {Entity}: {PlannedRows:N0} rows in {Batches} batch(es){Resumed}",
            district, entity, sourceRows, batches, pendingBatches < batches ? $", {batches - pendingBatches} already done" : "");
    }

    public void LoadSkipped(string district, string entity, string reason)
    {
        _tracker.Skipped(district, entity);
        using var scope = Scope(district, entity);
        logger.LogInformation("{District} {Entity}: skipped, {Reason}", district, entity, reason);
    }

    public void BatchCompleted(BatchDescriptor batch, BatchResult result)
    {
        using var scope = Scope(batch.District, batch.Entity);
        if (result.Skipped)
        {
            logger.LogInformation("{District} {Entity} batch {Batch}: skipped, done by another process", batch.District, batch.Entity, batch.BatchNo);
            return;
        }

        var e = _tracker.Completed(batch, result);
        var rate = _tracker.Rate.Rate(_tracker.Elapsed);
        logger.LogInformation(
            "{District} {Entity} batch {BatchesDone}/{Batches}: {Rows:N0} rows, {Quarantined:N0} quarantined in {BatchSeconds:0.0} s; run {DoneRows:N0}/{PlannedRows:N0} ({Percent}%), {RowsPerSecond:N0} rows/s, ETA {Eta}",
            batch.District, batch.Entity, e.BatchesDone, e.Batches, result.RowsRead, result.RowsRejected, result.Elapsed.TotalSeconds,
            _tracker.DoneRows, _tracker.PlannedRows, ProgressTracker.Percent(_tracker.DoneRows, _tracker.PlannedRows), rate, Eta.Format(_tracker.Eta()));
    }

    public void LoadCompleted(string district, string entity)
    {
        _tracker.LoadCompleted(district, entity);
        var e = _tracker.District(district).Entities.GetValueOrDefault(entity);
        using var scope = Scope(district, entity);
        logger.LogInformation("{District} {Entity}: loaded ({Rows:N0} read, {Quarantined:N0} quarantined)", district, entity, e?.Read ?? 0, e?.Rejected ?? 0);
    }

    public void Message(string text)
    {
        using var scope = Scope(null, null);
        logger.LogInformation("{Text}", text);
    }

    private IDisposable? Scope(string? district, string? entity) => LogScopes.Begin(logger, _runId, district, entity);
}
