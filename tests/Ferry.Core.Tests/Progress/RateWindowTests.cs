using Ferry.Core.Progress;

namespace Ferry.Core.Tests.Progress;

public class RateWindowTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Rate_is_the_rise_over_the_last_ten_seconds_not_the_average_since_the_start()
    {
        var window = new RateWindow();
        // 100 rows/s for a minute, then 10 rows/s for 20 s.
        var rows = 0L;
        for (var t = 0; t <= 60; t++)
        {
            window.Observe(S(t), rows);
            rows += 100;
        }

        rows -= 100;
        for (var t = 61; t <= 80; t++)
        {
            rows += 10;
            window.Observe(S(t), rows);
        }

        Assert.Equal(10, window.Rate(S(80)), 1);
    }

    [Fact]
    public void Rate_before_a_full_window_counts_from_the_first_sample()
    {
        var window = new RateWindow();
        window.Observe(S(2), 0);
        window.Observe(S(4), 5_000);
        Assert.Equal(2_500, window.Rate(S(4)), 1);
    }

    [Fact]
    public void Rate_counts_a_batch_while_it_is_in_the_window_and_is_zero_once_nothing_moved_for_a_whole_window()
    {
        var window = new RateWindow();
        window.Observe(S(0), 0);
        window.Observe(S(10), 10_000);
        Assert.Equal(1_000, window.Rate(S(10)), 1);
        Assert.Equal(1_000, window.Rate(S(15)), 1);
        Assert.Equal(0, window.Rate(S(21)));
    }

    [Fact]
    public void Rate_is_zero_until_there_is_half_a_second_to_measure()
    {
        var window = new RateWindow();
        Assert.Equal(0, window.Rate(S(1)));
        window.Observe(S(1), 0);
        window.Observe(S(1.2), 1_000);
        Assert.Equal(0, window.Rate(S(1.2)));
    }
}
