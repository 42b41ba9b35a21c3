using Ferry.Core.Configuration;
using Ferry.Orchestration.Scheduling;
using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Scheduling;

public sealed class TickScheduleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(TickSchedule.Default)]
    public void Unset_tick_fires_at_the_start_of_every_minute(string? setting)
    {
        var schedule = TickSchedule.Parse(setting);
        var now = new DateTimeOffset(2026, 12, 3, 9, 41, 7, 250, TimeSpan.Zero);

        var first = TickSchedule.Next(schedule, now);
        var second = TickSchedule.Next(schedule, first!.Value);

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 42, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 43, 0, TimeSpan.Zero), second);
    }

    [Fact]
    public void Tick_follows_the_setting_when_it_is_given()
    {
        var schedule = TickSchedule.Parse("0 */5 * * * *");

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 45, 0, TimeSpan.Zero), TickSchedule.Next(schedule, new DateTimeOffset(2026, 12, 3, 9, 41, 7, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("*/15 * * * *")]
    [InlineData("every minute")]
    public void Tick_that_is_not_ncrontab_with_seconds_is_refused_naming_the_setting(string setting)
    {
        var e = Assert.Throws<ConfigException>(() => TickSchedule.Parse(setting));

        Assert.StartsWith("FERRY_DELTA_TICK: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_bad_tick_exits_2_naming_the_setting_before_anything_starts()
    {
        var config = await UnreachableConfig.WriteAsync("ferry-tick");
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [TickSchedule.Setting] = "every minute",
        };

        var (exit, output) = await DmProcess.RunAsync(environment, TimeSpan.FromMinutes(1), "serve", "--config", config, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Contains("FERRY_DELTA_TICK: 'every minute'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
