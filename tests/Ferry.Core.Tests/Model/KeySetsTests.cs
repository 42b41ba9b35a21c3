using Ferry.Core.Model;

namespace Ferry.Core.Tests.Model;

public sealed class KeySetsTests
{
    [Fact]
    public void Primary_key_is_not_repeated_as_a_unique_key()
    {
        var unique = KeySets.Distinct([["Id"], ["Code"]], ["Id"]);

        Assert.Equal([["Code"]], unique);
    }

    [Fact]
    public void Same_columns_in_another_order_are_one_key()
    {
        var unique = KeySets.Distinct([["LastName", "FirstName"], ["firstname", "lastname"], ["Email"]], null);

        Assert.Equal([["LastName", "FirstName"], ["Email"]], unique);
    }
}
