using Ferry.Core.Values;

namespace Ferry.Core.Tests.Values;

public sealed class PgDateTests
{
    [Fact]
    public void Every_date_of_years_1_to_9999_round_trips_and_prints_as_iso()
    {
        for (var n = DateOnly.MinValue.DayNumber; n <= DateOnly.MaxValue.DayNumber; n += 37)
        {
            var date = DateOnly.FromDayNumber(n);
            var pg = PgDate.From(date);
            Assert.True(pg.TryToDateOnly(out var back));
            Assert.Equal(date, back);
            Assert.Equal(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), pg.ToString());
        }
    }

    [Theory]
    [InlineData(0, "2000-01-01")]
    [InlineData(2921939, "9999-12-31")]
    [InlineData(-730119, "0001-01-01")]
    [InlineData(-730120, "0001-12-31 BC")]
    [InlineData(-2451545, "4714-11-24 BC")]
    [InlineData(2145031948, "5874897-12-31")]
    [InlineData(int.MaxValue, "infinity")]
    [InlineData(int.MinValue, "-infinity")]
    public void Prints_as_postgresql_does(int days, string expected) => Assert.Equal(expected, new PgDate(days).ToString());

    [Fact]
    public void The_last_representable_date_is_not_infinity()
    {
        Assert.NotEqual(PgDate.Infinity, PgDate.From(DateOnly.MaxValue));
        Assert.NotEqual(PgDate.NegativeInfinity, PgDate.From(DateOnly.MinValue));
        Assert.True(PgDate.From(DateOnly.MaxValue).IsFinite);
        Assert.False(PgDate.Infinity.TryToDateOnly(out _));
        Assert.False(new PgDate(-730120).TryToDateOnly(out _));
    }
}
