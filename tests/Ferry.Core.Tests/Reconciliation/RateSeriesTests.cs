using Ferry.Core.Reconciliation;

namespace Ferry.Core.Tests.Reconciliation;

public sealed class RateSeriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rows_of_a_span_are_spread_over_the_time_it_ran()
    {
        // 1,000 rows over seconds 0-10 of a 20-second report cut in four 5-second slices.
        var slices = RateSeries.Of([new AuditSpan(Start.AddSeconds(10), 10_000, 1_000)], Start, Start.AddSeconds(20), 4);

        Assert.Equal([100.0, 100.0, 0.0, 0.0], slices.Select(s => s.RowsPerSecond));
        Assert.Equal(TimeSpan.FromSeconds(5), slices[1].From);
        Assert.Equal(TimeSpan.FromSeconds(20), slices[^1].To);
    }

    [Fact]
    public void Spans_that_ran_side_by_side_add_up()
    {
        var slices = RateSeries.Of(
            [new AuditSpan(Start.AddSeconds(4), 4_000, 400), new AuditSpan(Start.AddSeconds(4), 2_000, 400)],
            Start, Start.AddSeconds(4), 2);

        Assert.Equal([100.0, 300.0], slices.Select(s => s.RowsPerSecond));
    }

    [Fact]
    public void Span_without_duration_counts_in_the_slice_it_finished_in()
    {
        var slices = RateSeries.Of([new AuditSpan(Start.AddSeconds(3), 0, 50)], Start, Start.AddSeconds(4), 2);

        Assert.Equal([0.0, 25.0], slices.Select(s => s.RowsPerSecond));
    }

    [Fact]
    public void Total_rows_are_kept_whatever_the_slicing()
    {
        var spans = Enumerable.Range(0, 37).Select(i => new AuditSpan(Start.AddMilliseconds(300 * (i + 1)), 250 + (i % 5 * 40), 1_000 + i)).ToList();

        foreach (var n in new[] { 1, 7, 40 })
        {
            var slices = RateSeries.Of(spans, Start, Start.AddSeconds(12), n);
            var rows = slices.Sum(s => s.RowsPerSecond * (s.To - s.From).TotalSeconds);
            // Slice bounds are whole ticks (100 ns), so the product is exact to within a small fraction of a row.
            Assert.Equal(spans.Sum(s => s.Rows), rows, precision: 2);
        }
    }

    [Fact]
    public void No_work_gives_no_slices() =>
        Assert.Empty(RateSeries.Of([], Start, Start.AddSeconds(5), 10));
}
