using Ferry.Core.Hashing;
using Ferry.Core.Values;

namespace Ferry.Core.Tests.Hashing;

public sealed class CanonicalValueTests
{
    [Theory]
    [InlineData("1.50", null, "1.5")]
    [InlineData("1.5", null, "1.5")]
    [InlineData("100", null, "100")]
    [InlineData("100.000", null, "100")]
    [InlineData("0.000", null, "0")]
    [InlineData("-0.00", null, "0")]
    [InlineData("1.005", 2, "1.01")]
    [InlineData("-1.005", 2, "-1.01")]
    [InlineData("1.004", 2, "1")]
    [InlineData("12.3456", 4, "12.3456")]
    [InlineData("79228162514264337593543950335", null, "79228162514264337593543950335")]
    public void Decimal_is_rounded_to_the_scale_and_loses_trailing_zeros(string value, int? scale, string expected)
    {
        var normal = CanonicalDecimal.Normalise(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), scale);
        Assert.Equal(expected, normal.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Equal_decimals_of_different_scale_normalise_to_identical_bits()
    {
        Assert.Equal(decimal.GetBits(CanonicalDecimal.Normalise(1.500m, null)), decimal.GetBits(CanonicalDecimal.Normalise(1.5m, null)));
        Assert.Equal(decimal.GetBits(CanonicalDecimal.Normalise(1000.25m, 2)), decimal.GetBits(CanonicalDecimal.Normalise(1000.2500m, 4)));
    }

    [Fact]
    public void Timestamps_drop_the_100ns_digit_toward_the_past()
    {
        var epoch = new DateTime(2000, 1, 1);
        Assert.Equal(1, CanonicalTime.TimestampMicros(PgTimestamp.From(epoch.AddTicks(19)), null));
        Assert.Equal(-1, CanonicalTime.TimestampMicros(PgTimestamp.From(epoch.AddTicks(-9)), null));
        Assert.Equal(-2, CanonicalTime.TimestampMicros(PgTimestamp.From(epoch.AddTicks(-19)), null));
    }

    [Theory]
    [InlineData(123_456L, 3, 123_000L)]
    [InlineData(123_500L, 3, 124_000L)]
    [InlineData(-123_500L, 3, -124_000L)]
    [InlineData(123_456L, 0, 0L)]
    [InlineData(500_000L, 0, 1_000_000L)]
    [InlineData(123_456L, 6, 123_456L)]
    [InlineData(123_456L, null, 123_456L)]
    public void Fractional_digits_round_half_away_from_zero_like_postgres(long micros, int? digits, long expected) =>
        Assert.Equal(expected, CanonicalTime.Round(micros, digits));

    [Fact]
    public void Infinite_timestamps_stay_apart_from_every_finite_one()
    {
        Assert.Equal(long.MaxValue, CanonicalTime.TimestampMicros(PgTimestamp.Infinity, 3));
        Assert.Equal(long.MinValue, CanonicalTime.TimestampMicros(PgTimestamp.NegativeInfinity, 3));
        Assert.NotEqual(long.MaxValue, CanonicalTime.TimestampMicros(PgTimestamp.From(DateTime.MaxValue), null));
        Assert.NotEqual(long.MinValue, CanonicalTime.TimestampMicros(PgTimestamp.From(DateTime.MinValue), null));
    }

    [Fact]
    public void Datetime_ticks_in_thirds_of_a_millisecond_match_their_timestamp3_value()
    {
        // SQL Server datetime holds 1/300 s; as timestamp(3) PostgreSQL keeps whole milliseconds.
        var legacy = new DateTime(2005, 1, 2, 8, 0, 0).AddTicks(1_233_333);
        var target = new DateTime(2005, 1, 2, 8, 0, 0, 123);
        Assert.Equal(CanonicalTime.TimestampMicros(PgTimestamp.From(target), 3), CanonicalTime.TimestampMicros(PgTimestamp.From(legacy), 3));
    }

    [Theory]
    [InlineData("{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}")]
    [InlineData("{ \"a\" : [ 1.50 , 1e2, -0 ] }", "{\"a\":[1.5,100,0]}")]
    [InlineData("{\"a\":1,\"a\":2}", "{\"a\":2}")]
    [InlineData("\"\\u00e9\\n\"", "\"é\\n\"")]
    [InlineData("[true,false,null]", "[true,false,null]")]
    [InlineData("1e400", "1e400")]
    public void Json_has_one_canonical_text(string json, string expected) => Assert.Equal(expected, CanonicalJson.Canonical(json));

    [Fact]
    public void Text_that_is_not_json_has_no_canonical_form() => Assert.Null(CanonicalJson.Canonical("{not json"));
}
