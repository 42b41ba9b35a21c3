using Ferry.Core.Progress;
using Ferry.Orchestration.Status;

namespace Ferry.Orchestration.Flow;

/// <summary>
/// A district's summary as work goes: entities finished of planned, rows loaded and quarantined, rows per second over
/// the last 10 seconds (<see cref="RateWindow"/>, as on the terminal: a slowdown shows within seconds, where the
/// average since the start would hide it) and the seconds left at that rate (<see cref="Eta"/>, from the planned
/// rows; absent while there is no rate). Pure: the times come from the orchestration's clock, so a replay computes the
/// same figures.
/// </summary>
public static class DistrictProgress
{
    /// <param name="window">The district's rate window, fed here with the rows done (loaded or quarantined) so far.</param>
    /// <param name="elapsed">Time since the district started, by the orchestration's clock.</param>
    public static DistrictSummary Update(DistrictSummary summary, long plannedRows, RateWindow window, TimeSpan elapsed)
    {
        var done = summary.RowsLoaded + summary.RowsQuarantined;
        window.Observe(elapsed, done);
        var rate = window.Rate(elapsed);
        if (rate <= 0)
        {
            return summary with { RowsPerSecond = null, EtaSeconds = null };
        }

        var eta = summary.State == "loading" ? Eta.Of(Math.Max(0, plannedRows - done), rate) : null;
        return summary with { RowsPerSecond = Math.Round(rate, 1), EtaSeconds = eta is { } t ? (long)Math.Ceiling(t.TotalSeconds) : null };
    }
}
