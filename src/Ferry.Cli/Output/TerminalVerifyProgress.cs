using Ferry.Core.Progress;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Verification;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ferry.Cli.Output;

/// <summary>Live progress of <c>dm verify</c> on a terminal: entity results done, rows compared, rows/s, differences, ETA, and what is being verified now.</summary>
internal sealed class TerminalVerifyProgress : IVerifyObserver
{
    private const int MaxInFlight = 6;
    private readonly VerifyTracker _tracker = new();
    private readonly LiveScreen _screen;

    public TerminalVerifyProgress() => _screen = new LiveScreen(Render);

    public void VerifyStarted(Guid verifyId, int entityResults) => _tracker.Started(entityResults);

    public void EntityStarted(string district, string entity) => _tracker.EntityStarted(district, entity);

    public void EntityVerified(EntityReconciliation result)
    {
        _tracker.EntityVerified(result);
        if (!result.HasParity)
        {
            _screen.Message($"{result.District} {result.Entity}: {result.Status} ({result.Missing:N0} missing, {result.Extra:N0} extra, {result.Changed:N0} changed)");
        }
    }

    public Task<T> ShowAsync<T>(Func<Task<T>> work) => _screen.ShowAsync(work);

    private IRenderable Render()
    {
        var t = _tracker;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("entities").NoWrap());
        foreach (var h in new[] { "rows compared", "rows/s", "differ", "ETA" })
        {
            table.AddColumn(new TableColumn(h).RightAligned().NoWrap());
        }

        table.AddRow(
            $"{t.Done}/{t.Total} ({ProgressTracker.Percent(t.Done, t.Total)}%)",
            CompactNumber.Format(t.Rows),
            CompactNumber.Format(t.Rate.Rate(t.Elapsed)),
            t.Differing == 0 ? "0" : $"[red]{t.Differing}[/]",
            Eta.Format(t.Eta()));
        var flying = t.InFlight.OrderBy(x => x.Value).Take(MaxInFlight).Select(x => $"{x.Key.District} {x.Key.Entity}").ToList();
        var phase = t.Done == t.Total && t.Total > 0 ? RunPhase.Done : RunPhase.Verifying;
        var head = new Markup($"[bold]verify[/]  {phase.Describe()}  {(int)t.Elapsed.TotalHours}:{t.Elapsed.Minutes:00}:{t.Elapsed.Seconds:00}");
        var line = flying.Count == 0 ? "" : "now: " + string.Join(", ", flying) + (t.InFlight.Count > MaxInFlight ? ", ..." : "");
        // One line in 80 columns: the table must not move as the names change.
        var now = new Text(line.Length <= 78 ? line : line[..77] + "…", new Style(Color.Grey));
        return new Rows(head, table, now);
    }
}
