using System.Globalization;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;

namespace Ferry.Cli.Output;

/// <summary>Progress as plain, timestamped log lines, for output that is not a terminal (CI, cron, files).</summary>
internal sealed class PlainProgress(TextWriter output) : IRunObserver
{
    private readonly ProgressTracker _tracker = new();
    private readonly Lock _gate = new();

    public void RunStarted(Guid runId, bool resumed, bool dryRun) =>
        Line($"run {runId} {(dryRun ? "dry run: nothing will be written" : resumed ? "resumed" : "started")}");

    public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches)
    {
        _tracker.Planned(district, entity, sourceRows, batches, pendingBatches);
        Line($"{district} {entity}: {sourceRows:N0} rows in {batches} batch(es){(pendingBatches < batches ? $", {batches - pendingBatches} already done" : "")}");
    }

    public void LoadSkipped(string district, string entity, string reason) => Line($"{district} {entity}: skipped, {reason}");

    public void BatchCompleted(BatchDescriptor batch, BatchResult result)
    {
        if (result.Skipped)
        {
            Line($"{batch}: skipped, done by another process");
            return;
        }

        var e = _tracker.Completed(batch, result);
        var d = _tracker.District(batch.District);
        var rate = result.Elapsed.TotalSeconds > 0 ? result.RowsRead / result.Elapsed.TotalSeconds : 0;
        var remaining = d.PlannedRows - d.ReadRows;
        Line($"{batch.District} {batch.Entity} batch {e.BatchesDone}/{e.Batches}: {result.RowsRead:N0} rows, {result.RowsRejected:N0} quarantined, {rate:N0} rows/s; district {d.ReadRows:N0}/{d.PlannedRows:N0} ETA {ProgressTracker.Eta(remaining, _tracker.Rate(d.ReadRows))}");
    }

    public void LoadCompleted(string district, string entity)
    {
        var e = _tracker.District(district).Entities.GetValueOrDefault(entity);
        Line($"{district} {entity}: loaded ({e?.Read ?? 0:N0} read, {e?.Rejected ?? 0:N0} quarantined)");
    }

    public void Message(string text) => Line(text);

    private void Line(string text)
    {
        lock (_gate)
        {
            output.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {text}");
            output.Flush();
        }
    }
}
