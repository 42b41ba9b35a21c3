using Ferry.Core.Casting;

namespace Ferry.Core.Tests.Casting;

public class TargetTypeFitTests
{
    [Theory]
    [InlineData("varchar(20)", "character varying(20)")]
    [InlineData("smallint", "bigint")]
    [InlineData("integer", "bigint")]
    [InlineData("varchar(20)", "varchar(50)")]
    [InlineData("varchar(20)", "text")]
    [InlineData("char(3)", "varchar(3)")]
    [InlineData("char(3)", "char(5)")]
    [InlineData("numeric(9,2)", "numeric(12,4)")]
    [InlineData("numeric(9,2)", "numeric")]
    [InlineData("timestamp(3)", "timestamp(6)")]
    [InlineData("timestamp(3)", "timestamp")]
    [InlineData("real", "double precision")]
    [InlineData("text", "varchar")]
    public void Values_of_a_narrower_type_of_the_family_fit(string type, string into) =>
        Assert.True(TargetTypeFit.Fits(type, into));

    [Theory]
    [InlineData("bigint", "integer")]
    [InlineData("varchar(50)", "varchar(20)")]
    [InlineData("text", "varchar(4000)")]
    [InlineData("varchar(3)", "char(3)")]
    [InlineData("numeric(12,4)", "numeric(9,2)")]
    [InlineData("numeric(10,0)", "numeric(10,2)")]
    [InlineData("numeric", "numeric(38,10)")]
    [InlineData("timestamp(6)", "timestamp(3)")]
    [InlineData("timestamptz(6)", "timestamp(6)")]
    [InlineData("integer", "text")]
    [InlineData("double precision", "real")]
    [InlineData("uuid", "text")]
    public void Values_that_would_be_refused_or_changed_do_not_fit(string type, string into) =>
        Assert.False(TargetTypeFit.Fits(type, into));
}
