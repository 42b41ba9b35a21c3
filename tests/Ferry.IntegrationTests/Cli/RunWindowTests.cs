using Ferry.Cli.Commands;
using Ferry.Core.Configuration;

namespace Ferry.IntegrationTests.Cli;

public class RunWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Until_later_today_ends_today()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 15, 0, TimeSpan.Zero), RunWindow.Deadline("23:15", null, Now));
    }

    [Fact]
    public void Until_a_time_already_past_means_tomorrow_morning()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero), RunWindow.Deadline("06:00", null, Now));
    }

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("01:30:00", 90 * 60)]
    public void Max_duration_accepts_the_documented_forms(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RunWindow.ParseDuration(text));
    }

    [Fact]
    public void The_earlier_of_until_and_max_duration_wins()
    {
        Assert.Equal(Now.AddMinutes(10), RunWindow.Deadline("23:15", "10m", Now));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 15, 0, TimeSpan.Zero), RunWindow.Deadline("23:15", "3h", Now));
    }

    [Theory]
    [InlineData("25:00", null)]
    [InlineData(null, "ten minutes")]
    [InlineData(null, "0m")]
    public void Bad_windows_are_usage_errors_naming_the_option(string? until, string? maxDuration)
    {
        var message = Assert.Throws<ConfigException>(() => RunWindow.Deadline(until, maxDuration, Now)).Message;
        Assert.StartsWith(until is null ? "--max-duration" : "--until", message);
    }
}
