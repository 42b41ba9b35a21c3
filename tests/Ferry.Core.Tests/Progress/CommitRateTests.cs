using Ferry.Core.Progress;

namespace Ferry.Core.Tests.Progress;

public sealed class CommitRateTests
{
    private static readonly DateTime Now = new(2026, 5, 4, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Rate_counts_only_the_commits_of_the_last_ten_seconds_not_the_average_since_the_start()
    {
        var rate = CommitRate.Of(Now, Now.AddSeconds(-60), rowsBefore: 10_000, [(Now.AddSeconds(-8), 1_000), (Now.AddSeconds(-5), 1_000), (Now.AddSeconds(-2), 1_000)]);

        Assert.Equal(300, rate, 3);
    }

    [Fact]
    public void A_run_younger_than_the_window_is_measured_since_it_started()
    {
        var rate = CommitRate.Of(Now, Now.AddSeconds(-4), rowsBefore: 0, [(Now.AddSeconds(-3), 2_000), (Now.AddSeconds(-1), 2_000)]);

        Assert.Equal(1_000, rate, 3);
    }

    [Fact]
    public void Nothing_committed_for_a_whole_window_is_no_rate()
    {
        Assert.Equal(0, CommitRate.Of(Now, Now.AddMinutes(-5), rowsBefore: 50_000, []));
    }
}
