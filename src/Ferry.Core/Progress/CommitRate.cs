namespace Ferry.Core.Progress;

/// <summary>
/// Rows per second over the last <see cref="RateWindow.Span"/> of a run, from what its committed batches record:
/// the rows committed before the window opened and each commit inside it. The same moving window as the terminal's
/// (<see cref="RateWindow"/>), so a reader of the run's status that comes and goes (an HTTP request) sees the rate the
/// live table shows, not the average since the start. Pure: the times come from the database that recorded them.
/// </summary>
public static class CommitRate
{
    /// <param name="now">The recording database's clock, as the commits' times are.</param>
    /// <param name="startedAt">When the run started: a window opening before it starts there.</param>
    /// <param name="rowsBefore">Rows the run committed before the window opened.</param>
    /// <param name="recent">The commits inside the window: when, and the rows each read.</param>
    public static double Of(DateTime now, DateTime startedAt, long rowsBefore, IReadOnlyList<(DateTime At, long Rows)> recent, TimeSpan? span = null)
    {
        var window = new RateWindow(span);
        var opened = now - window.Span;
        var origin = opened > startedAt ? opened : startedAt;
        window.Observe(origin - opened, rowsBefore);
        var total = rowsBefore;
        foreach (var (at, rows) in recent.Where(c => c.At > origin && c.At <= now).OrderBy(c => c.At))
        {
            total += rows;
            window.Observe(at - opened, total);
        }

        return window.Rate(window.Span);
    }
}
