using Ferry.Core.Progress;

namespace Ferry.Core.Tests.Progress;

public class EtaTests
{
    [Fact]
    public void Eta_is_rows_left_over_the_rate()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), Eta.Of(9_000, 100));
    }

    [Fact]
    public void Eta_is_unknown_while_there_is_no_rate_and_zero_when_nothing_is_left()
    {
        Assert.Null(Eta.Of(1_000, 0));
        Assert.Equal(TimeSpan.Zero, Eta.Of(0, 0));
        Assert.Equal(TimeSpan.Zero, Eta.Of(-5, 100));
    }

    [Theory]
    [InlineData(null, "?")]
    [InlineData(0d, "-")]
    [InlineData(65d, "1:05")]
    [InlineData(3_723d, "1:02:03")]
    [InlineData(93_784d, "1d 02:03:04")]
    [InlineData(400_000d, ">4d")]
    public void Eta_reads_in_hours_minutes_and_seconds(double? seconds, string expected)
    {
        Assert.Equal(expected, Eta.Format(seconds is { } s ? TimeSpan.FromSeconds(s) : null));
    }

    [Theory]
    [InlineData(RunPhase.BuildingIndexes, "building indexes")]
    [InlineData(RunPhase.ValidatingForeignKeys, "validating foreign keys")]
    [InlineData(RunPhase.WritingReports, "writing reports")]
    public void Phases_read_as_words(RunPhase phase, string expected)
    {
        Assert.Equal(expected, phase.Describe());
    }
}
