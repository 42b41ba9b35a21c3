using Ferry.Core.Casting;
using Ferry.Core.Model;

namespace Ferry.Core.Tests.Casting;

public class TypeRulesTests
{
    [Theory]
    [InlineData("int", "integer")]
    [InlineData("bigint", "bigint")]
    [InlineData("smallint", "smallint")]
    [InlineData("tinyint", "smallint")]
    [InlineData("bit", "boolean")]
    [InlineData("money", "numeric(19,4)")]
    [InlineData("smallmoney", "numeric(10,4)")]
    [InlineData("float", "double precision")]
    [InlineData("real", "real")]
    [InlineData("date", "date")]
    [InlineData("datetime", "timestamp(3)")]
    [InlineData("smalldatetime", "timestamp(0)")]
    [InlineData("uniqueidentifier", "uuid")]
    [InlineData("image", "bytea")]
    [InlineData("varbinary", "bytea")]
    [InlineData("binary", "bytea")]
    [InlineData("xml", "xml")]
    [InlineData("rowversion", "bytea")]
    [InlineData("timestamp", "bytea")]
    [InlineData("sql_variant", "text")]
    [InlineData("hierarchyid", "text")]
    [InlineData("text", "text")]
    [InlineData("ntext", "text")]
    public void Sql_server_types_map_as_documented(string source, string target) =>
        Assert.Equal(target, TypeRules.Map("sqlserver", new SourceColumn("c", source, true))!.TargetType);

    [Fact]
    public void Length_precision_and_scale_carry_over()
    {
        Assert.Equal("varchar(40)", TypeRules.Map("sqlserver", new SourceColumn("c", "nvarchar", true, MaxLength: 40))!.TargetType);
        Assert.Equal("text", TypeRules.Map("sqlserver", new SourceColumn("c", "varchar", true, MaxLength: null))!.TargetType);
        Assert.Equal("numeric(9,3)", TypeRules.Map("sqlserver", new SourceColumn("c", "decimal", true, Precision: 9, Scale: 3))!.TargetType);
        Assert.Equal("timestamp(6)", TypeRules.Map("sqlserver", new SourceColumn("c", "datetime2", true, Scale: 7))!.TargetType);
        Assert.Equal("timestamptz(6)", TypeRules.Map("sqlserver", new SourceColumn("c", "datetimeoffset", true, Scale: 7))!.TargetType);
        Assert.Equal("char(2)", TypeRules.Map("sqlserver", new SourceColumn("c", "nchar", true, MaxLength: 2))!.TargetType);
    }

    [Fact]
    public void Types_no_client_can_read_natively_are_read_through_an_expression()
    {
        Assert.NotNull(TypeRules.Map("sqlserver", new SourceColumn("c", "hierarchyid", true))!.SelectAs);
        Assert.NotNull(TypeRules.Map("sqlserver", new SourceColumn("c", "sql_variant", true))!.SelectAs);
    }

    [Fact]
    public void Stand_in_types_map_to_themselves_or_their_documented_equivalent()
    {
        Assert.Equal("jsonb", TypeRules.Map("postgres", new SourceColumn("c", "json", true))!.TargetType);
        Assert.Equal("timestamp(3)", TypeRules.Map("postgres", new SourceColumn("c", "timestamp without time zone", true, Scale: 3))!.TargetType);
        Assert.Null(TypeRules.Map("postgres", new SourceColumn("c", "tsvector", true)));
    }

    [Fact]
    public void Target_kind_follows_a_reviewed_target_type()
    {
        Assert.Equal(ValueKind.Date, TargetKinds.Of("date"));
        Assert.Equal(ValueKind.Decimal, TargetKinds.Of("numeric(19,4)"));
        Assert.Equal(ValueKind.Text, TargetKinds.Of("varchar(20)"));
        Assert.Equal(ValueKind.TimestampTz, TargetKinds.Of("timestamptz(6)"));
    }
}
