using Ferry.Core.Values;

namespace Ferry.Core.Tests.Values;

public sealed class DisplayTextTests
{
    [Fact]
    public void Values_show_in_invariant_iso_and_hex_forms()
    {
        Assert.Equal("\\x00ff10", DisplayText.Of(new byte[] { 0x00, 0xff, 0x10 }));
        Assert.Equal("true", DisplayText.Of(true));
        Assert.Equal("2026-11-24", DisplayText.Of(new DateOnly(2026, 11, 24)));
        Assert.Equal("2026-11-24T04:05:06", DisplayText.Of(new DateTime(2026, 11, 24, 4, 5, 6)));
        Assert.Equal("2026-11-24T04:05:06.1234567", DisplayText.Of(new DateTime(2026, 11, 24, 4, 5, 6).AddTicks(1_234_567)));
        Assert.Equal("0.1", DisplayText.Of(0.1));
        Assert.Equal("1234567.5", DisplayText.Of(1_234_567.5m));
        Assert.Equal("2026-11-24T04:05:06.5", DisplayText.Of(PgTimestamp.From(new DateTime(2026, 11, 24, 4, 5, 6, 500))));
        Assert.Equal("Ann", DisplayText.Of("Ann"));
    }

    [Fact]
    public void Display_does_not_depend_on_the_current_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1234.5", DisplayText.Of(1234.5));
            Assert.Equal("1234.5", DisplayText.Of(1234.5m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
