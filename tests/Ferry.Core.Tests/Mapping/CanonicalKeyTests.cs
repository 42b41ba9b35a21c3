using Ferry.Core.Casting;
using Ferry.Core.Mapping;

namespace Ferry.Core.Tests.Mapping;

public class CanonicalKeyTests
{
    [Fact]
    public void Composite_key_joins_components_with_a_bar()
    {
        var text = CanonicalKey.Of([17, 4, new DateTime(2024, 8, 26)], [ValueKind.Int32, ValueKind.Int32, ValueKind.Date]);
        Assert.Equal("17|4|2024-08-26", text);
    }

    [Fact]
    public void Bars_and_backslashes_in_text_are_escaped()
    {
        Assert.Equal(@"a\|b|c\\d", CanonicalKey.Of(["a|b", @"c\d"], [ValueKind.Text, ValueKind.Text]));
    }

    [Fact]
    public void Trailing_spaces_are_ignored_as_sql_server_compares()
    {
        Assert.Equal(CanonicalKey.Of(["AB"], [ValueKind.Text]), CanonicalKey.Of(["AB   "], [ValueKind.Text]));
        Assert.NotEqual(CanonicalKey.Of(["AB"], [ValueKind.Text]), CanonicalKey.Of(["  AB"], [ValueKind.Text]));
    }

    [Fact]
    public void Integer_widths_agree_so_child_and_parent_columns_match()
    {
        Assert.Equal(CanonicalKey.Of([42], [ValueKind.Int32]), CanonicalKey.Of([42L], [ValueKind.Int64]));
        Assert.Equal(CanonicalKey.Of([(short)42], [ValueKind.Int16]), CanonicalKey.Of([(byte)42], [ValueKind.Int16]));
    }

    [Fact]
    public void Decimals_drop_trailing_fractional_zeros()
    {
        Assert.Equal("1.5", CanonicalKey.Of([1.50m], [ValueKind.Decimal]));
        Assert.Equal("2", CanonicalKey.Of([2.000m], [ValueKind.Decimal]));
    }

    [Fact]
    public void Timestamps_keep_up_to_seven_digits_without_trailing_zeros()
    {
        Assert.Equal("2024-01-02T03:04:05.12", CanonicalKey.Of([new DateTime(2024, 1, 2, 3, 4, 5, 120)], [ValueKind.Timestamp]));
        Assert.Equal("2024-01-02T03:04:05", CanonicalKey.Of([new DateTime(2024, 1, 2, 3, 4, 5)], [ValueKind.Timestamp]));
    }

    [Fact]
    public void Dates_read_as_DateTime_or_DateOnly_agree()
    {
        Assert.Equal(CanonicalKey.Of([new DateTime(2024, 8, 26)], [ValueKind.Date]), CanonicalKey.Of([new DateOnly(2024, 8, 26)], [ValueKind.Date]));
    }

    [Fact]
    public void Uuids_are_lower_case()
    {
        var g = Guid.Parse("AABBCCDD-0000-4000-8000-000000000001");
        Assert.Equal("aabbccdd-0000-4000-8000-000000000001", CanonicalKey.Of([g], [ValueKind.Uuid]));
    }

    [Fact]
    public void Builder_reused_for_the_next_key_starts_clean()
    {
        var key = new CanonicalKey();
        key.Begin();
        key.AddInt64(1);
        key.AddText("x");
        key.Begin();
        key.AddInt64(2);
        Assert.Equal("2", key.ToString());
    }
}
