using Ferry.Core.Casting;
using Ferry.Core.Model;

namespace Ferry.SqlServer.Tests;

/// <summary>sys.columns facts become SourceColumn facets in the units the type rules expect.</summary>
public sealed class SqlServerColumnFacetsTests
{
    [Theory]
    [InlineData("nvarchar", 100, 50)]
    [InlineData("nchar", 20, 10)]
    [InlineData("varchar", 100, 100)]
    [InlineData("char", 6, 6)]
    [InlineData("varbinary", 16, 16)]
    public void Lengths_are_in_characters(string type, int bytes, int characters)
    {
        Assert.Equal(characters, Column(type, maxLength: bytes).MaxLength);
    }

    [Theory]
    [InlineData("nvarchar")]
    [InlineData("varchar")]
    [InlineData("varbinary")]
    public void Max_length_has_no_length(string type)
    {
        Assert.Null(Column(type, maxLength: -1).MaxLength);
    }

    [Fact]
    public void Nvarchar_max_maps_to_text()
    {
        Assert.Equal("text", TypeRules.Map("sqlserver", Column("nvarchar", maxLength: -1))!.TargetType);
        Assert.Equal("varchar(50)", TypeRules.Map("sqlserver", Column("nvarchar", maxLength: 100))!.TargetType);
    }

    [Fact]
    public void Decimal_keeps_precision_and_scale()
    {
        var column = Column("decimal", maxLength: 9, precision: 12, scale: 2);

        Assert.Equal((null, 12, 2), (column.MaxLength, column.Precision, column.Scale));
        Assert.Equal("numeric(12,2)", TypeRules.Map("sqlserver", column)!.TargetType);
    }

    [Theory]
    [InlineData("time", 7)]
    [InlineData("datetime2", 3)]
    [InlineData("datetimeoffset", 0)]
    public void Fractional_seconds_go_into_scale(string type, int scale)
    {
        var column = Column(type, maxLength: 8, precision: 27, scale: scale);

        Assert.Equal((null, null, scale), (column.MaxLength, column.Precision, column.Scale));
    }

    [Theory]
    [InlineData("int", 4)]
    [InlineData("bigint", 8)]
    [InlineData("uniqueidentifier", 16)]
    [InlineData("ntext", 16)]
    [InlineData("datetime", 8)]
    public void Fixed_size_types_carry_no_facets(string type, int bytes)
    {
        var column = Column(type, maxLength: bytes, precision: 10, scale: 0);

        Assert.Equal((null, null, null), (column.MaxLength, column.Precision, column.Scale));
    }

    [Theory]
    [InlineData("float", 8, 53, "double precision")]
    [InlineData("real", 4, 24, "real")]
    public void Float_and_real_map_by_their_catalog_type_not_by_mantissa_bits(string type, int bytes, int bits, string target)
    {
        // float(1..24) is stored as real: sys.columns reports such a column with the type real, so the float rule only
        // ever sees float(53).
        var column = Column(type, bytes, precision: bits);

        Assert.Null(column.Precision);
        Assert.Equal(target, TypeRules.Map("sqlserver", column)!.TargetType);
    }

    [Fact]
    public void Name_nullability_and_identity_pass_through()
    {
        var column = SqlServerColumnFacets.ToColumn("Id", "int", nullable: false, 4, 10, 0, identity: true);

        Assert.Equal(new SourceColumn("Id", "int", false, IsIdentity: true), column);
    }

    private static SourceColumn Column(string type, int maxLength, int precision = 0, int scale = 0) =>
        SqlServerColumnFacets.ToColumn("c", type, nullable: true, maxLength, precision, scale, identity: false);
}
