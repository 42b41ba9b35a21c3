using Ferry.Core.Values;

namespace Ferry.Core.Tests.Values;

public sealed class TextValuesTests
{
    [Theory]
    [InlineData(" 2024-02-29 ", "2024-02-29")]
    [InlineData("0001-01-01", "0001-01-01")]
    [InlineData("9999-12-31", "9999-12-31")]
    public void Dates_are_iso(string text, string expected) =>
        Assert.Equal(expected, TextValues.Date(text).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("02/03/2024")]
    [InlineData("2024-2-3")]
    [InlineData("n/a")]
    public void Other_date_spellings_are_bad_values(string text) => Assert.ThrowsAny<FormatException>(() => TextValues.Date(text));

    [Theory]
    [InlineData("2024-02-03 04:05", "2024-02-03T04:05:00.0000000")]
    [InlineData("2024-02-03T04:05:06.1234567", "2024-02-03T04:05:06.1234567")]
    [InlineData("2024-02-03", "2024-02-03T00:00:00.0000000")]
    public void Timestamps_are_iso_with_a_T_or_a_space(string text, string expected) =>
        Assert.Equal(expected, TextValues.Timestamp(text).ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2024-02-03T04:05:06+02:00", "2024-02-03T02:05:06.0000000Z")]
    [InlineData("2024-02-03 04:05:06Z", "2024-02-03T04:05:06.0000000Z")]
    [InlineData("2024-02-03 04:05:06", "2024-02-03T04:05:06.0000000Z")]
    public void Timestamps_with_time_zone_are_the_utc_instant(string text, string expected) =>
        Assert.Equal(expected, TextValues.TimestampTz(text).ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("23:59:59.9999999", 863999999999L)]
    [InlineData("08:30", 306000000000L)]
    public void Times_are_iso(string text, long ticks) => Assert.Equal(ticks, TextValues.Time(text).Ticks);

    [Theory]
    [InlineData(" -32768 ", -32768)]
    [InlineData("+12", 12)]
    public void Integers_allow_a_sign_and_surrounding_space(string text, short expected) => Assert.Equal(expected, TextValues.Int16(text));

    [Theory]
    [InlineData("32768")]
    [InlineData("1,000")]
    [InlineData("1.0")]
    [InlineData("0x10")]
    public void Integers_outside_the_range_or_with_other_characters_are_bad_values(string text) =>
        Assert.ThrowsAny<Exception>(() => TextValues.Int16(text));

    [Theory]
    [InlineData("YES", true)]
    [InlineData("t", true)]
    [InlineData("0", false)]
    [InlineData(" No ", false)]
    public void Booleans_have_a_fixed_vocabulary(string text, bool expected) => Assert.Equal(expected, TextValues.Boolean(text));

    [Fact]
    public void Floats_spell_infinity_and_nan_out()
    {
        Assert.True(double.IsPositiveInfinity(TextValues.Double("Infinity")));
        Assert.True(double.IsNegativeInfinity(TextValues.Double("-infinity")));
        Assert.True(double.IsNaN(TextValues.Double("NaN")));
        Assert.Equal(1.5e300, TextValues.Double("1.5e300"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_a_bad_value_shown_as_hex()
    {
        Assert.Equal("café", TextValues.Utf8([0x63, 0x61, 0x66, 0xc3, 0xa9]));
        var e = Assert.Throws<UnconvertibleValueException>(() => TextValues.Utf8([0x62, 0x61, 0x64, 0xff, 0xfe]));
        Assert.Equal("\\x626164fffe", e.RawValue);
    }
}
