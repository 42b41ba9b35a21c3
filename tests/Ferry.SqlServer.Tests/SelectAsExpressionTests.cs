using System.Globalization;
using Ferry.Core.Casting;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>The read-through expressions of the SQL Server type rules, applied to awkwardly named columns.</summary>
public sealed class SelectAsExpressionTests
{
    public static TheoryData<string, string> Expressions()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in TypeRules.SqlServer.Where(r => r.SelectAs is not null))
        {
            foreach (var column in Identifiers.Awkward)
            {
                data.Add(rule.SourceType, column);
            }
        }

        return data;
    }

    [Fact]
    public void Some_rules_read_through_an_expression()
    {
        Assert.Contains(TypeRules.SqlServer, r => r.SelectAs is not null);
    }

    [Theory]
    [MemberData(nameof(Expressions))]
    public void Select_as_expression_on_quoted_column_parses(string type, string column)
    {
        var dialect = new SqlServerDialect();
        var rule = TypeRules.SqlServer.Single(r => r.SourceType == type);
        var expression = string.Format(CultureInfo.InvariantCulture, rule.SelectAs!, dialect.Quote(column));
        var sql = dialect.SelectRange(new("dbo", "Legacy"), [expression + " AS " + dialect.Quote(column)], ["Id"], hasLower: true, hasUpper: true);

        var query = TSql.Query(sql);

        var element = Assert.IsType<SelectScalarExpression>(Assert.Single(query.SelectElements));
        Assert.Equal(column, element.ColumnName.Value);
        Assert.Contains(column, TSql.All<Identifier>(element.Expression).Select(i => i.Value));
    }

    [Theory]
    [InlineData("date", 126, "date")]
    [InlineData("datetime", 126, "datetime")]
    [InlineData("smalldatetime", 126, "smalldatetime")]
    [InlineData("datetime2", 126, "datetime2")]
    [InlineData("datetimeoffset", 126, "datetimeoffset")]
    [InlineData("time", 126, "time")]
    [InlineData("float", 3, "float")]
    [InlineData("real", 3, "real")]
    [InlineData("money", 2, "money")]
    [InlineData("smallmoney", 2, "smallmoney")]
    [InlineData("binary", 1, "varbinary")]
    [InlineData("varbinary", 1, "varbinary")]
    public void Sql_variant_is_converted_by_its_base_type_with_a_lossless_style(string baseType, int style, string readAs)
    {
        var @case = VariantCase();

        var branch = Assert.Single(@case.WhenClauses, w => ((StringLiteral)w.WhenExpression).Value == baseType);
        var convert = Assert.IsType<ConvertCall>(branch.ThenExpression);
        Assert.Equal(style.ToString(CultureInfo.InvariantCulture), Assert.IsType<IntegerLiteral>(convert.Style).Value);
        var cast = Assert.IsType<CastCall>(convert.Parameter);
        Assert.Equal(readAs, cast.DataType.Name.BaseIdentifier.Value, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sql_variant_switches_on_its_base_type_property()
    {
        var input = Assert.IsType<CastCall>(VariantCase().InputExpression);
        var property = Assert.IsType<FunctionCall>(input.Parameter);

        Assert.Equal("SQL_VARIANT_PROPERTY", property.FunctionName.Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("BaseType", Assert.IsType<StringLiteral>(property.Parameters[1]).Value);
    }

    [Fact]
    public void Sql_variant_only_uses_the_default_style_for_types_it_keeps_exactly()
    {
        // Default style: exact for integers, decimals, bit, uniqueidentifier and strings; never reached by a date,
        // time, float or money, which all have their own branch above.
        var @else = Assert.IsType<ConvertCall>(VariantCase().ElseExpression);

        Assert.Null(@else.Style);
    }

    [Theory]
    [InlineData("geography")]
    [InlineData("geometry")]
    public void Spatial_values_are_read_as_extended_well_known_text_with_z_m_and_srid(string type)
    {
        var element = Element(type, "Location");
        var methods = TSql.All<FunctionCall>(element.Expression);

        var text = Assert.Single(methods, m => m.FunctionName.Value == "AsTextZM");
        var target = Assert.IsType<CastCall>(Assert.IsType<ExpressionCallTarget>(text.CallTarget).Expression);
        Assert.Equal(type, target.DataType.Name.BaseIdentifier.Value);
        Assert.Contains(TSql.All<StringLiteral>(element.Expression), l => l.Value == "SRID=");
        Assert.Contains("STSrid", TSql.All<Identifier>(element.Expression).Select(i => i.Value));
        Assert.DoesNotContain(methods, m => m.FunctionName.Value == "STAsText");
    }

    private static SimpleCaseExpression VariantCase() =>
        Assert.IsType<SimpleCaseExpression>(Element("sql_variant", "Value").Expression);

    private static SelectScalarExpression Element(string type, string column)
    {
        var dialect = new SqlServerDialect();
        var rule = TypeRules.SqlServer.Single(r => r.SourceType == type);
        var expression = string.Format(CultureInfo.InvariantCulture, rule.SelectAs!, dialect.Quote(column));
        var query = TSql.Query($"SELECT {expression} AS {dialect.Quote(column)} FROM [dbo].[T]");
        return Assert.IsType<SelectScalarExpression>(Assert.Single(query.SelectElements));
    }
}
