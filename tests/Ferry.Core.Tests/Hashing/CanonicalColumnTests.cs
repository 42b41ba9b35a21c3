using Ferry.Core.Casting;
using Ferry.Core.Hashing;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;

namespace Ferry.Core.Tests.Hashing;

public sealed class CanonicalColumnTests
{
    private static CanonicalColumn For(string targetType, bool nullable = true, QuarantinePolicies? policies = null) =>
        CanonicalColumn.For(new ColumnMap("C", "c", "x", targetType, TargetKinds.Of(targetType), nullable), policies ?? QuarantinePolicies.Default);

    [Fact]
    public void Facets_come_from_the_target_type()
    {
        Assert.Equal(2, For("numeric(12,2)").Scale);
        Assert.Null(For("numeric").Scale);
        Assert.Equal(3, For("timestamp(3)").FractionDigits);
        Assert.Equal(6, For("timestamptz(6)").FractionDigits);
        Assert.Equal(0, For("time(0)").FractionDigits);
        Assert.True(For("char(10)").Padded);
        Assert.True(For("character(1)").Padded);
        Assert.False(For("varchar(10)").Padded);
        Assert.False(For("text").Padded);
    }

    [Fact]
    public void Policies_decide_the_source_side_fixes()
    {
        var nulling = new QuarantinePolicies { SentinelDate = ProblemAction.Null, BadValue = ProblemAction.Null, Nul = ProblemAction.Reject };
        Assert.True(For("date", policies: nulling).SentinelsToNull);
        Assert.True(For("timestamp(3)", policies: nulling).SentinelsToNull);
        Assert.False(For("timestamptz", policies: nulling).SentinelsToNull);
        Assert.False(For("date", nullable: false, policies: nulling).SentinelsToNull);
        Assert.True(For("integer", policies: nulling).BadValueToNull);
        Assert.False(For("integer", nullable: false, policies: nulling).BadValueToNull);
        Assert.False(For("text", policies: nulling).StripNul);
        Assert.True(For("text").StripNul);
        Assert.True(For("jsonb").StripNul);
        Assert.False(For("date").SentinelsToNull);
    }
}
