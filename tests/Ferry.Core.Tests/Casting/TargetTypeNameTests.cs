using Ferry.Core.Casting;

namespace Ferry.Core.Tests.Casting;

public sealed class TargetTypeNameTests
{
    [Theory]
    [InlineData("varchar(20)", "character varying(20)")]
    [InlineData("char(3)", "character(3)")]
    [InlineData("timestamp(3)", "timestamp(3) without time zone")]
    [InlineData("timestamptz(6)", "timestamp(6) with time zone")]
    [InlineData("timestamptz", "timestamp with time zone")]
    [InlineData("time(6)", "time(6) without time zone")]
    [InlineData("numeric(12,4)", "numeric(12, 4)")]
    [InlineData("numeric(10)", "numeric(10,0)")]
    [InlineData("integer", "int4")]
    [InlineData("jsonb", "jsonb")]
    [InlineData("double precision", "float8")]
    public void The_mapping_and_the_catalog_spell_one_type_alike(string mapped, string catalog) => Assert.True(TargetTypeName.Same(mapped, catalog));

    [Theory]
    [InlineData("varchar(20)", "character varying(30)")]
    [InlineData("date", "character varying(20)")]
    [InlineData("timestamp(3)", "timestamp(3) with time zone")]
    [InlineData("numeric(12,4)", "numeric(12,2)")]
    public void Different_types_differ(string mapped, string catalog) => Assert.False(TargetTypeName.Same(mapped, catalog));
}
