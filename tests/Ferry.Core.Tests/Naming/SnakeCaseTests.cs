using Ferry.Core.Naming;

namespace Ferry.Core.Tests.Naming;

public class SnakeCaseTests
{
    [Theory]
    [InlineData("StudentSchoolAssociation", "student_school_association")]
    [InlineData("StudentUSI", "student_usi")]
    [InlineData("USIName", "usi_name")]
    [InlineData("HTMLPage2", "html_page2")]
    [InlineData("dbo", "dbo")]
    [InlineData("Grade Level", "grade_level")]
    [InlineData("Id", "id")]
    [InlineData("already_snake", "already_snake")]
    public void Converts_legacy_names(string legacy, string expected) => Assert.Equal(expected, SnakeCase.Convert(legacy));

    [Fact]
    public void Long_names_are_shortened_with_a_hash_and_stay_distinct()
    {
        var a = IdentifierLimits.Fit(new string('a', 70) + "x");
        var b = IdentifierLimits.Fit(new string('a', 70) + "y");
        Assert.True(a.Length <= 63);
        Assert.NotEqual(a, b);
    }
}
