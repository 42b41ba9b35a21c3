using Ferry.Core.Casting;
using Ferry.Core.Planning;

namespace Ferry.Core.Tests.Planning;

public class KeyBoundsTests
{
    [Fact]
    public void Bounds_round_trip_exactly_per_kind()
    {
        object[] values = [42, "AB  ", new DateTime(2024, 8, 26, 0, 0, 0), Guid.Parse("aabbccdd-0000-4000-8000-000000000001"), 1.50m, 9_000_000_000L];
        ValueKind[] kinds = [ValueKind.Int32, ValueKind.Text, ValueKind.Date, ValueKind.Uuid, ValueKind.Decimal, ValueKind.Int64];
        var decoded = KeyBounds.Decode(KeyBounds.Encode(values), kinds);
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Bound_with_the_wrong_arity_is_rejected()
    {
        Assert.Throws<FormatException>(() => KeyBounds.Decode(KeyBounds.Encode([1, 2]), [ValueKind.Int32]));
    }

    [Fact]
    public void Shared_prefix_counts_leading_values_equal_in_both_bounds()
    {
        Assert.Equal(1, KeyBounds.SharedPrefix([(short)2024, 17, "A"], [(short)2024, 90, "A"]));
        Assert.Equal(2, KeyBounds.SharedPrefix([2024, new byte[] { 1, 2 }, 3], [2024, new byte[] { 1, 2 }, 4]));
        Assert.Equal(0, KeyBounds.SharedPrefix([2023, 5], [2024, 5]));
    }

    [Fact]
    public void Shared_prefix_treats_values_a_collation_may_equate_as_different()
    {
        // A shorter prefix only costs the seek some precision; a longer one would drop rows.
        Assert.Equal(0, KeyBounds.SharedPrefix(["abc", 1], ["ABC", 2]));
        Assert.Equal(0, KeyBounds.SharedPrefix(["ab", 1], ["ab ", 2]));
    }
}
