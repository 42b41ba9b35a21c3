using Ferry.Core.Progress;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Status;

namespace Ferry.Orchestration.Tests.Flow;

public sealed class DistrictProgressTests
{
    private static DistrictSummary Loading(long loaded, long quarantined = 0) => new() { State = "loading", RowsLoaded = loaded, RowsQuarantined = quarantined };

    [Fact]
    public void Rate_is_over_the_last_ten_seconds_and_the_eta_follows_it()
    {
        var window = new RateWindow();
        DistrictProgress.Update(Loading(10_000), 20_000, window, TimeSpan.FromSeconds(50));
        DistrictProgress.Update(Loading(11_400, 100), 20_000, window, TimeSpan.FromSeconds(55));
        var summary = DistrictProgress.Update(Loading(12_800, 200), 20_000, window, TimeSpan.FromSeconds(60));

        // 3,000 rows in the last 10 s; the average since the start would say 217.
        Assert.Equal(300, summary.RowsPerSecond);
        Assert.Equal(24, summary.EtaSeconds);
    }

    [Fact]
    public void No_rate_and_no_eta_before_half_a_second_of_samples()
    {
        var summary = DistrictProgress.Update(Loading(500), 20_000, new RateWindow(), TimeSpan.FromSeconds(0.2));

        Assert.Null(summary.RowsPerSecond);
        Assert.Null(summary.EtaSeconds);
    }

    [Fact]
    public void A_completed_district_has_a_rate_but_no_eta()
    {
        var window = new RateWindow();
        DistrictProgress.Update(Loading(0), 1_000, window, TimeSpan.Zero);
        var summary = DistrictProgress.Update(new DistrictSummary { State = "completed", RowsLoaded = 1_000 }, 1_000, window, TimeSpan.FromSeconds(4));

        Assert.Equal(250, summary.RowsPerSecond);
        Assert.Null(summary.EtaSeconds);
    }
}
