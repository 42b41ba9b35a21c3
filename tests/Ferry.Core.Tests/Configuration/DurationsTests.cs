using Ferry.Core.Configuration;

namespace Ferry.Core.Tests.Configuration;

/// <summary>The one duration syntax every option and configuration key accepts.</summary>
public class DurationsTests
{
    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1d", 24 * 3600)]
    [InlineData("7d", 7 * 24 * 3600)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("1h0m30s", 3600 + 30)]
    [InlineData("01:30:00", 90 * 60)]
    [InlineData("1:30:00", 90 * 60)]
    [InlineData(" 10m ", 600)]
    public void Every_documented_form_parses(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text, "--x"));
    }

    [Fact]
    public void Milliseconds_are_a_unit_of_their_own()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1250), Durations.Parse("1s250ms", "--x"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), Durations.Parse("250ms", "--x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten minutes")]
    [InlineData("90")]
    [InlineData("m")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1.5h")]
    [InlineData("-5m")]
    [InlineData("1w")]
    public void Anything_else_is_refused_naming_the_option_and_the_forms(string text)
    {
        var message = Assert.Throws<ConfigException>(() => Durations.Parse(text, "--max-duration")).Message;

        Assert.Equal($"--max-duration: '{text}' is not a duration such as {Durations.Examples}", message);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("00:00:00")]
    public void A_duration_of_zero_is_refused(string text)
    {
        Assert.Contains("must be longer than zero", Assert.Throws<ConfigException>(() => Durations.Parse(text, "--expires")).Message);
    }
}
