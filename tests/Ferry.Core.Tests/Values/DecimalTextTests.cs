using Ferry.Core.Values;

namespace Ferry.Core.Tests.Values;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("+007.000", "7")]
    [InlineData("-0.00", "0")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData(" 12 ", "12")]
    [InlineData("99999999999999999999999999999999999999", "99999999999999999999999999999999999999")]
    [InlineData("0.99999999999999999999999999999999999999", "0.99999999999999999999999999999999999999")]
    [InlineData("-10000000000000000000000000000000000000000.0001", "-10000000000000000000000000000000000000000.0001")]
    [InlineData("nan", "NaN")]
    [InlineData("-Infinity", "-Infinity")]
    public void Each_value_has_one_spelling(string text, string expected)
    {
        Assert.True(DecimalText.TryNormalise(text, out var canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1e5")]
    [InlineData("1,5")]
    [InlineData("1 000")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData(".")]
    [InlineData("٣")]
    public void Text_that_is_not_plain_decimal_notation_is_refused(string text) => Assert.False(DecimalText.TryNormalise(text, out _));

    [Theory]
    [InlineData("1.005", 2, "1.01")]
    [InlineData("-1.005", 2, "-1.01")]
    [InlineData("9.995", 2, "10")]
    [InlineData("0.0049", 2, "0")]
    [InlineData("99999999999999999999999999999999999999.5", 0, "100000000000000000000000000000000000000")]
    public void Rounds_half_away_from_zero_to_a_scale_as_numeric_p_s_does(string text, int scale, string expected)
    {
        Assert.True(DecimalText.TryNormalise(text, scale, out var canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("1.50")]
    [InlineData("-0.000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0")]
    public void A_decimal_and_its_text_spell_alike(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DecimalText.TryNormalise(text, out var canonical));
        Assert.Equal(canonical, DecimalText.Of(value));
    }
}
