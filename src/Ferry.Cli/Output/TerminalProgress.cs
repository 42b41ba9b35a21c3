using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Spectre.Console;

namespace Ferry.Cli.Output;

/// <summary>
/// Live progress on a terminal: one row per district (entities done, rows, rows/s, ETA) and the entities in
/// flight, redrawn twice a second; messages print above it.
/// </summary>
internal sealed class TerminalProgress : IRunObserver
{
    private readonly ProgressTracker _tracker = new();
    private readonly List<string> _messages = [];
    private readonly Lock _gate = new();
    private string _title = "";

    public void RunStarted(Guid runId, bool resumed, bool dryRun) =>
        _title = $"run {runId} {(dryRun ? "dry run: nothing will be written" : resumed ? "resumed" : "started")}";

    public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches) =>
        _tracker.Planned(district, entity, sourceRows, batches, pendingBatches);

    public void LoadSkipped(string district, string entity, string reason)
    {
        var d = _tracker.District(district);
        Interlocked.Increment(ref d.EntitiesDone);
    }

    public void BatchCompleted(BatchDescriptor batch, BatchResult result)
    {
        if (!result.Skipped)
        {
            _tracker.Completed(batch, result);
        }
    }

    public void LoadCompleted(string district, string entity)
    {
        var d = _tracker.District(district);
        Interlocked.Increment(ref d.EntitiesDone);
        if (d.Entities.TryGetValue(entity, out var e))
        {
            e.Done = true;
        }
    }

    public void Message(string text)
    {
        lock (_gate)
        {
            _messages.Add(text);
        }
    }

    /// <summary>Runs <paramref name="work"/> while drawing the live table.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in new[] { "district", "entities", "rows", "quarantined", "rows/s", "ETA", "in flight" })
        {
            table.AddColumn(h);
        }

        T result = default!;
        await AnsiConsole.Live(table).AutoClear(false).StartAsync(async ctx =>
        {
            var task = work();
            while (!task.IsCompleted)
            {
                Render(table);
                ctx.Refresh();
                await Task.WhenAny(task, Task.Delay(500));
            }

            Render(table);
            ctx.Refresh();
            result = await task;
        });
        lock (_gate)
        {
            foreach (var m in _messages)
            {
                AnsiConsole.MarkupLine(Markup.Escape(m));
            }
        }

        return result;
    }

    private void Render(Table table)
    {
        table.Title = new TableTitle(Markup.Escape(_title));
        table.Rows.Clear();
        foreach (var (id, d) in _tracker.Districts.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var rate = _tracker.Rate(d.ReadRows);
            var flying = d.Entities.Where(e => !e.Value.Done && e.Value.BatchesDone < e.Value.Batches).Select(e => e.Key).Take(3);
            table.AddRow(
                id,
                $"{d.EntitiesDone}/{d.Entities.Count}",
                $"{d.ReadRows:N0}/{d.PlannedRows:N0}",
                $"{d.RejectedRows:N0}",
                $"{rate:N0}",
                ProgressTracker.Eta(d.PlannedRows - d.ReadRows, rate),
                Markup.Escape(string.Join(", ", flying)));
        }
    }
}
