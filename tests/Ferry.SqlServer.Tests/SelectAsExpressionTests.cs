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
}
