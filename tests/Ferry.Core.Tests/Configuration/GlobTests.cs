using Ferry.Core.Configuration;

namespace Ferry.Core.Tests.Configuration;

public class GlobTests
{
    [Theory]
    [InlineData("dbo.*", "dbo.Student", true)]
    [InlineData("dbo.Student*", "dbo.StudentSchoolAssociation", true)]
    [InlineData("dbo.Student*", "dbo.Staff", false)]
    [InlineData("DBO.student", "dbo.Student", true)]
    [InlineData("Student", "dbo.Student", true)]
    [InlineData("St?ff", "dbo.Staff", true)]
    [InlineData("*", "edfi.Anything", true)]
    [InlineData("edfi.*", "dbo.Student", false)]
    public void Patterns_match_schema_qualified_names(string pattern, string name, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(pattern, name));
}
