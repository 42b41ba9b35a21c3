using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ferry.Cli.Output;

/// <summary>
/// Live progress of a run on a terminal, in 80 columns: the run's phase and elapsed time, a row for the whole run
/// (rows, percent, quarantined, rows/s over the last 10 s, ETA), then the districts with work left, each followed by
/// its entities in flight. Totals come from the plan, made before the first batch.
/// </summary>
internal sealed class TerminalProgress : IRunObserver
{
    private const int MaxDistricts = 8;
    private const int MaxEntities = 3;
    private readonly ProgressTracker _tracker = new();
    private readonly LiveScreen _screen;
    private string _title = "run";

    public TerminalProgress() => _screen = new LiveScreen(Render);

    public void RunStarted(Guid runId, bool resumed, bool dryRun) =>
        _title = $"run {runId}{(dryRun ? " (dry run: nothing will be written)" : resumed ? " (resumed)" : "")}";

    public void PhaseChanged(RunPhase phase, int done, int total) => _tracker.PhaseChanged(phase, done, total);

    public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches) =>
        _tracker.Planned(district, entity, sourceRows, batches, pendingBatches);

    public void LoadSkipped(string district, string entity, string reason) => _tracker.Skipped(district, entity);

    public void BatchCompleted(BatchDescriptor batch, BatchResult result)
    {
        if (!result.Skipped)
        {
            _tracker.Completed(batch, result);
        }
    }

    public void LoadCompleted(string district, string entity) => _tracker.LoadCompleted(district, entity);

    public void Message(string text) => _screen.Message(text);

    /// <summary>What Ctrl+C or SIGTERM did, shown below the table.</summary>
    public void Notice(string text) => _screen.Notice(text);

    public Task<T> ShowAsync<T>(Func<Task<T>> work) => _screen.ShowAsync(work);

    private IRenderable Render()
    {
        var now = _tracker.Elapsed;
        // Fixed widths: 74 columns with the padding, so the table fits 80 and does not jump between frames.
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("district / entity").NoWrap().Width(24));
        foreach (var (h, width) in new[] { ("rows", 13), ("%", 3), ("quarant.", 8), ("rows/s", 7), ("ETA", 7) })
        {
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap().Width(width));
        }

        var rate = _tracker.Rate.Rate(now);
        table.AddRow(
            new Markup("[bold]all[/]"),
            new Text(Of(_tracker.DoneRows, _tracker.PlannedRows)),
            new Text($"{ProgressTracker.Percent(_tracker.DoneRows, _tracker.PlannedRows)}"),
            new Text(CompactNumber.Format(_tracker.RejectedRows)),
            new Text(CompactNumber.Format(rate)),
            new Text(Eta.Format(_tracker.Eta())));

        var districts = _tracker.Districts.OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
        var open = districts.Where(d => d.Value.EntitiesDone < d.Value.Entities.Count).ToList();
        foreach (var (id, d) in open.Take(MaxDistricts))
        {
            var dRate = d.Rate.Rate(now);
            table.AddRow(
                Cut(id, 24),
                Of(d.DoneRows, d.PlannedRows),
                $"{ProgressTracker.Percent(d.DoneRows, d.PlannedRows)}",
                CompactNumber.Format(d.RejectedRows),
                CompactNumber.Format(dRate),
                Eta.Format(Eta.Of(d.PlannedRows - d.DoneRows, dRate)));
            foreach (var (name, e) in d.Entities.Where(e => e.Value.InFlight).OrderBy(e => e.Key, StringComparer.Ordinal).Take(MaxEntities))
            {
                var eRate = e.Rate.Rate(now);
                table.AddRow(
                    new Text("  " + Cut(name, 22), new Style(Color.Grey)),
                    new Text(Of(e.Done, e.Planned), new Style(Color.Grey)),
                    new Text($"{ProgressTracker.Percent(e.Done, e.Planned)}", new Style(Color.Grey)),
                    new Text(CompactNumber.Format(e.Rejected), new Style(Color.Grey)),
                    new Text(CompactNumber.Format(eRate), new Style(Color.Grey)),
                    new Text(Eta.Format(Eta.Of(e.Planned - e.Done, eRate)), new Style(Color.Grey)));
            }
        }

        var finished = districts.Count - open.Count;
        var hidden = open.Count - Math.Min(open.Count, MaxDistricts);
        var footer = string.Join(", ", new[]
        {
            finished > 0 ? $"{finished} district(s) done" : null,
            hidden > 0 ? $"{hidden} more in progress or waiting" : null,
        }.Where(x => x is not null));
        var head = new Markup($"[bold]{Markup.Escape(_title)}[/]  {Markup.Escape(_tracker.PhaseText)}  {Format(now)}");
        return footer.Length > 0 ? new Rows(head, table, new Text(footer)) : new Rows(head, table);
    }

    private static string Of(long done, long planned) => $"{CompactNumber.Format(done)}/{CompactNumber.Format(planned)}";

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Format(TimeSpan t) => $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}";
}
