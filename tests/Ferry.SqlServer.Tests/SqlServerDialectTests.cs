using Ferry.Core.Model;

namespace Ferry.SqlServer.Tests;

/// <summary>The dialect's quoting, parameter names and argument checks.</summary>
public sealed class SqlServerDialectTests
{
    private readonly SqlServerDialect _dialect = new();

    [Theory]
    [InlineData("Student", "[Student]")]
    [InlineData("a]b", "[a]]b]")]
    [InlineData("]]", "[]]]]]")]
    [InlineData("First Name", "[First Name]")]
    [InlineData("[x]", "[[x]]]")]
    [InlineData("Élève", "[Élève]")]
    public void Quote_brackets_and_doubles_closing_brackets(string identifier, string quoted)
    {
        Assert.Equal(quoted, _dialect.Quote(identifier));
    }

    [Fact]
    public void Quote_rejects_an_empty_identifier()
    {
        Assert.Throws<ArgumentException>(() => _dialect.Quote(""));
    }

    [Fact]
    public void Qualified_quotes_schema_and_table_separately()
    {
        Assert.Equal("[dbo].[Odd.Name]]]", _dialect.Qualified(new TableName("dbo", "Odd.Name]")));
    }

    [Theory]
    [InlineData(0, "@p0")]
    [InlineData(7, "@p7")]
    [InlineData(12, "@p12")]
    public void Parameters_are_numbered_from_p0(int index, string name)
    {
        Assert.Equal(name, _dialect.Parameter(index));
    }

    [Fact]
    public void Upper_bound_parameters_start_at_zero_without_a_lower_bound()
    {
        var sql = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a", "b"], hasLower: false, hasUpper: true);

        Assert.Contains("[a] <= @p0", sql, StringComparison.Ordinal);
        Assert.Contains("[b] <= @p1", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("@p2", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_select_without_bounds_still_skips_null_keys()
    {
        var sql = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a", "b"], hasLower: false, hasUpper: false);

        Assert.Equal("SELECT [a] FROM [dbo].[T] WHERE [a] IS NOT NULL AND [b] IS NOT NULL", sql);
    }

    [Fact]
    public void Single_column_range_is_a_plain_comparison()
    {
        var sql = _dialect.SelectRange(new TableName("dbo", "T"), ["[a]"], ["a"], hasLower: true, hasUpper: true);

        Assert.Equal("SELECT [a] FROM [dbo].[T] WHERE [a] IS NOT NULL AND ([a] > @p0) AND ([a] <= @p1)", sql);
    }

    [Fact]
    public void Boundaries_keep_every_nth_non_null_key()
    {
        var sql = _dialect.SelectKeyBoundaries(new TableName("dbo", "T"), ["a"], 250);

        Assert.Contains("% 250 = 0", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE [a] IS NOT NULL", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Boundaries_tolerate_a_key_column_named_like_the_row_number()
    {
        var sql = _dialect.SelectKeyBoundaries(new TableName("dbo", "T"), ["rn", "k0"], 10);

        var query = TSql.Query(sql);
        Assert.Equal(["rn", "k0"], query.SelectElements.Cast<Microsoft.SqlServer.TransactSql.ScriptDom.SelectScalarExpression>().Select(e => e.ColumnName.Value));
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        var table = new TableName("dbo", "T");
        Assert.Throws<ArgumentException>(() => _dialect.SelectRange(table, ["[a]"], [], true, true));
        Assert.Throws<ArgumentException>(() => _dialect.SelectRange(table, [], ["a"], true, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => _dialect.SelectKeyBoundaries(table, ["a"], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _dialect.Parameter(-1));
        Assert.Throws<ArgumentException>(() => _dialect.SelectOrphanKeys(new ForeignKeyInfo("fk", table, ["a", "b"], table, ["a"]), ["a"]));
    }
}
