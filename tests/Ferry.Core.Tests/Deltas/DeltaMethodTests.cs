using Ferry.Core.Deltas;

namespace Ferry.Core.Tests.Deltas;

public class DeltaMethodTests
{
    [Fact]
    public void Table_whose_primary_key_is_the_entity_key_is_followed_by_change_capture()
    {
        Assert.Equal(DeltaMethod.ChangeCapture, DeltaMethods.Of(["StudentId"], ["StudentId"]));
    }

    [Fact]
    public void Composite_primary_key_listed_in_another_order_is_still_the_entity_key()
    {
        Assert.Equal(DeltaMethod.ChangeCapture, DeltaMethods.Of(["SchoolId", "StudentId"], ["StudentId", "SchoolId"]));
    }

    [Fact]
    public void Table_without_a_primary_key_is_diffed()
    {
        Assert.Equal(DeltaMethod.Diff, DeltaMethods.Of(["StudentId", "EventDate"], null));
        Assert.Equal(DeltaMethod.Diff, DeltaMethods.Of(["StudentId", "EventDate"], []));
    }

    [Fact]
    public void Table_keyed_through_keys_on_other_columns_than_its_primary_key_is_diffed()
    {
        Assert.Equal(DeltaMethod.Diff, DeltaMethods.Of(["Code"], ["StudentId"]));
        Assert.Equal(DeltaMethod.Diff, DeltaMethods.Of(["StudentId", "Code"], ["StudentId"]));
    }
}
