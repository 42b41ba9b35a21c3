namespace Ferry.Core.Reconciliation;

/// <summary>
/// Rows per second over time, from finished pieces of work: the report's time is cut into equal slices and each
/// span's rows are spread evenly over the time it ran, so a long batch counts where it worked, not where it
/// committed. Spans that ran side by side add up. Pure arithmetic, for the report's chart.
/// </summary>
public static class RateSeries
{
    public sealed record Slice(TimeSpan From, TimeSpan To, double RowsPerSecond);

    public static IReadOnlyList<Slice> Of(IReadOnlyList<AuditSpan> spans, DateTimeOffset start, DateTimeOffset end, int slices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        var first = spans.Count == 0 ? start : Min(start, spans.Min(s => s.StartedAt));
        var last = spans.Count == 0 ? end : Max(end, spans.Max(s => s.FinishedAt));
        var total = (last - first).TotalSeconds;
        if (spans.Count == 0 || total <= 0)
        {
            return [];
        }

        var width = total / slices;
        var rows = new double[slices];
        foreach (var span in spans)
        {
            var from = (span.StartedAt - first).TotalSeconds;
            var to = (span.FinishedAt - first).TotalSeconds;
            if (to <= from)
            {
                // Work recorded as taking no time belongs wholly to the slice it finished in.
                rows[Math.Min(slices - 1, (int)(to / width))] += span.Rows;
                continue;
            }

            var perSecond = span.Rows / (to - from);
            for (var i = Math.Max(0, (int)(from / width)); i < slices && i * width < to; i++)
            {
                var overlap = Math.Min(to, (i + 1) * width) - Math.Max(from, i * width);
                if (overlap > 0)
                {
                    rows[i] += perSecond * overlap;
                }
            }
        }

        return rows.Select((r, i) => new Slice(TimeSpan.FromSeconds(i * width), TimeSpan.FromSeconds((i + 1) * width), r / width)).ToList();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
