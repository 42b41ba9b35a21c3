using Ferry.Cli.Output;

namespace Ferry.IntegrationTests.Cli;

public sealed class LogFormatsTests
{
    [Theory]
    [InlineData(null, false, "Live")]
    [InlineData(null, true, "Plain")]
    [InlineData("plain", false, "Plain")]
    [InlineData("json", false, "Json")]
    [InlineData("json", true, "Json")]
    public void Live_table_only_on_a_terminal_without_log_format(string? option, bool redirected, string expected)
    {
        Assert.Equal(expected, LogFormats.Choose(option, redirected).ToString());
    }

    [Theory]
    [InlineData(9_999, "9,999")]
    [InlineData(12_345, "12.3k")]
    [InlineData(4_560_000, "4.56M")]
    [InlineData(1_200_000_000, "1.2G")]
    public void Counts_are_short_enough_for_80_columns(double value, string expected)
    {
        Assert.Equal(expected, CompactNumber.Format(value));
    }
}
