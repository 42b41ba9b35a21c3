using Ferry.Core.Values;

namespace Ferry.Core.Tests.Values;

public sealed class PgTimestampTests
{
    [Fact]
    public void The_last_moment_loses_its_100ns_digit_and_stays_on_its_day()
    {
        var last = PgTimestamp.From(DateTime.MaxValue);

        Assert.True(last.IsFinite);
        Assert.Equal("9999-12-31T23:59:59.999999", last.ToString());
        Assert.True(PgTimestamp.Truncates(DateTime.MaxValue));
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59.9999999", "1999-12-31T23:59:59.999999")]
    [InlineData("2000-01-01T00:00:00.0000001", "2000-01-01T00:00:00")]
    [InlineData("0001-01-01T00:00:00", "0001-01-01T00:00:00")]
    [InlineData("1969-07-20T20:17:40.1234567", "1969-07-20T20:17:40.123456")]
    public void Digits_below_a_microsecond_are_truncated_toward_the_past(string value, string expected)
    {
        var moment = DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, PgTimestamp.From(moment).ToString());
    }

    [Fact]
    public void Whole_microseconds_are_not_counted_as_truncated()
    {
        Assert.False(PgTimestamp.Truncates(new DateTime(2020, 1, 1, 8, 0, 0).AddTicks(10)));
        Assert.True(PgTimestamp.Truncates(new DateTime(2020, 1, 1, 8, 0, 0).AddTicks(11)));
    }

    [Theory]
    [InlineData(long.MaxValue, "infinity")]
    [InlineData(long.MinValue, "-infinity")]
    [InlineData(-211810204800000000L, "4713-01-01T00:00:00 BC")]
    [InlineData(-1L, "1999-12-31T23:59:59.999999")]
    public void Prints_moments_datetime_cannot_hold(long micros, string expected) => Assert.Equal(expected, new PgTimestamp(micros).ToString());

    [Fact]
    public void Converts_back_to_datetime_only_within_its_range()
    {
        Assert.True(PgTimestamp.From(DateTime.MaxValue).TryToDateTime(out var last));
        Assert.Equal(DateTime.MaxValue.AddTicks(-9), last);
        Assert.False(PgTimestamp.Infinity.TryToDateTime(out _));
        Assert.False(new PgTimestamp(-211810204800000000L).TryToDateTime(out _));
        Assert.Equal(new PgDate(-1), new PgTimestamp(-1).Date);
    }
}
