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
}
