using Ferry.Orchestration.Status;

namespace Ferry.Orchestration.Flow;

/// <summary>
/// A district's summary as work goes: entities finished of planned, rows loaded and quarantined, the rate since the
/// district started and the seconds left at that rate (from the planned rows). Pure: the times come from the
/// orchestration's clock.
/// </summary>
public static class DistrictProgress
{
    public static DistrictSummary Update(DistrictSummary summary, long plannedRows, DateTime startedAt, DateTime now)
    {
        var seconds = (now - startedAt).TotalSeconds;
        if (seconds < 1 || summary.RowsLoaded == 0)
        {
            return summary with { RowsPerSecond = null, EtaSeconds = null };
        }

        var rate = Math.Round(summary.RowsLoaded / seconds, 1);
        var left = Math.Max(0, plannedRows - summary.RowsLoaded - summary.RowsQuarantined);
        return summary with { RowsPerSecond = rate, EtaSeconds = summary.State == "loading" ? (long)Math.Ceiling(left / rate) : null };
    }
}
