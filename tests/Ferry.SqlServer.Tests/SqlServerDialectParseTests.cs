using Ferry.Core.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// Every statement shape the dialect builds, for 1, 2 and 3 key columns, with and without bounds, over awkward
/// identifiers: each must parse as one SELECT that names exactly the tables, columns and parameters it should.
/// </summary>
public sealed class SqlServerDialectParseTests
{
    private readonly SqlServerDialect _dialect = new();

    public static TheoryData<string> Names() => [.. Identifiers.Awkward];

    public static TheoryData<string, int> NamesAndKeySizes()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Identifiers.Awkward)
        {
            foreach (var size in new[] { 1, 2, 3 })
            {
                data.Add(name, size);
            }
        }

        return data;
    }

    public static TheoryData<string, int, bool, bool> RangeCases()
    {
        var data = new TheoryData<string, int, bool, bool>();
        foreach (var name in Identifiers.Awkward)
        {
            foreach (var size in new[] { 1, 2, 3 })
            {
                foreach (var (lower, upper) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    data.Add(name, size, lower, upper);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RangeCases))]
    public void Range_select_parses(string name, int keySize, bool hasLower, bool hasUpper)
    {
        var table = new TableName(name, name + " table");
        var key = Identifiers.Key(name, keySize);
        string[] columns = [.. key.Select(_dialect.Quote), _dialect.Quote(name + " value")];

        var sql = _dialect.SelectRange(table, columns, key, hasLower, hasUpper);

        var query = TSql.Query(sql);
        Assert.Equal([(name, name + " table")], TSql.Tables(query));
        Assert.Equal([.. key, name + " value"], TSql.ColumnNames(query).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var parameters = (hasLower ? keySize : 0) + (hasUpper ? keySize : 0);
        Assert.Equal(Enumerable.Range(0, parameters).Select(i => $"@p{i}").ToHashSet(), TSql.Variables(query));
        Assert.NotNull(query.WhereClause);

        // Nothing depends on the order of a batch's rows; a sort would cost the server for nothing.
        Assert.Null(query.OrderByClause);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    public void Range_select_with_a_shared_prefix_parses(int keySize, int sharedPrefix)
    {
        var key = Identifiers.Key("Odd]Name", keySize);

        var sql = _dialect.SelectRange(new TableName("dbo", "T"), [_dialect.Quote(key[0])], key, hasLower: true, hasUpper: true, sharedPrefix);

        var query = TSql.Query(sql);
        Assert.Equal(Enumerable.Range(0, 2 * keySize).Select(i => $"@p{i}").ToHashSet(), TSql.Variables(query));
        Assert.Null(query.OrderByClause);
    }

    [Theory]
    [MemberData(nameof(NamesAndKeySizes))]
    public void Key_boundaries_select_parses(string name, int keySize)
    {
        var key = Identifiers.Key(name, keySize);

        var sql = _dialect.SelectKeyBoundaries(new TableName("dbo", name), key, 5000);

        var query = TSql.Query(sql);
        Assert.Equal(keySize, query.SelectElements.Count);
        Assert.Equal(key, query.SelectElements.Cast<SelectScalarExpression>().Select(e => e.ColumnName.Value));
        Assert.Equal(keySize, query.OrderByClause.OrderByElements.Count);
        Assert.Equal([("dbo", name)], TSql.Tables(query));
        Assert.Contains(TSql.All<FunctionCall>(query), f => f.FunctionName.Value == "ROW_NUMBER");
        Assert.Empty(TSql.Variables(query));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Key_span_select_parses(string name)
    {
        var sql = _dialect.SelectSpan(new TableName("dbo", name), name + " id");

        var query = TSql.Query(sql);
        Assert.Equal(["MIN", "MAX"], TSql.All<FunctionCall>(query).Select(f => f.FunctionName.Value));
        Assert.Equal([name + " id"], TSql.ColumnNames(query).Distinct());
        Assert.Equal([("dbo", name)], TSql.Tables(query));
        Assert.Null(query.WhereClause);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Column_values_select_parses(string name)
    {
        var sql = _dialect.SelectValues(new TableName("dbo", name), name + " id");

        var query = TSql.Query(sql);
        Assert.Equal([name + " id"], TSql.ColumnNames(query).Distinct());
        Assert.True(Assert.Single(TSql.All<BooleanIsNullExpression>(query.WhereClause)).IsNot);
        Assert.Equal([("dbo", name)], TSql.Tables(query));
    }

    [Theory]
    [MemberData(nameof(NamesAndKeySizes))]
    public void Null_key_select_parses(string name, int keySize)
    {
        var key = Identifiers.Key(name, keySize);

        var sql = _dialect.SelectNullKeys(new TableName("dbo", name), [.. key.Select(_dialect.Quote)], key);

        var query = TSql.Query(sql);
        Assert.Equal(keySize, TSql.All<BooleanIsNullExpression>(query.WhereClause).Count(e => !e.IsNot));
        Assert.Equal(key.Order(StringComparer.Ordinal), TSql.ColumnNames(query).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NamesAndKeySizes))]
    public void Orphan_key_select_parses(string name, int keySize)
    {
        var childKey = Identifiers.Key(name + " child", keySize);
        var fk = new ForeignKeyInfo(
            "FK " + name,
            new TableName(name, "Child " + name),
            Identifiers.Key(name + " ref", keySize),
            new TableName("dbo", "Parent " + name),
            Identifiers.Key(name + " parent", keySize));

        var sql = _dialect.SelectOrphanKeys(fk, childKey);

        var query = TSql.Query(sql);
        Assert.Equal(childKey, query.SelectElements.Cast<SelectScalarExpression>()
            .Select(e => ((ColumnReferenceExpression)e.Expression).MultiPartIdentifier.Identifiers[^1].Value));
        var exists = Assert.Single(TSql.All<ExistsPredicate>(query.WhereClause));
        Assert.Single(TSql.All<BooleanNotExpression>(query.WhereClause));
        Assert.Equal([(name, "Child " + name), ("dbo", "Parent " + name)], TSql.Tables(query).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(keySize, TSql.All<BooleanIsNullExpression>(query.WhereClause).Count(e => e.IsNot));
        Assert.Equal(keySize, TSql.All<BooleanComparisonExpression>(exists).Count(c => c.ComparisonType == BooleanComparisonType.Equals));
    }

    [Fact]
    public void Self_referencing_orphan_select_parses()
    {
        var table = new TableName("dbo", "Staff");
        var fk = new ForeignKeyInfo("FK_Staff_Manager", table, ["ManagerId"], table, ["StaffId"]);

        var query = TSql.Query(_dialect.SelectOrphanKeys(fk, ["StaffId"]));

        Assert.Equal(2, TSql.All<NamedTableReference>(query).Count(t => t.Alias is not null));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Count_select_parses(string name)
    {
        var table = new TableName(name + " schema", name);

        var query = TSql.Query(_dialect.CountRows(table));

        Assert.Equal([(table.Schema, name)], TSql.Tables(query));
        Assert.Equal("COUNT_BIG", Assert.Single(TSql.All<FunctionCall>(query)).FunctionName.Value);
    }

    [Theory]
    [MemberData(nameof(NamesAndKeySizes))]
    public void Parent_key_through_an_alternate_key_parses_inside_a_range_select(string name, int keySize)
    {
        var child = new TableName(name, "Child " + name);
        var parent = new TableName("dbo", "Parent " + name);
        var through = _dialect.SelectThrough(child, Identifiers.Key(name + " ref", keySize), parent, Identifiers.Key(name + " alt", keySize), name + " id");

        var sql = _dialect.SelectRange(child, [_dialect.Quote("Id"), through], ["Id"], hasLower: true, hasUpper: true);

        var query = TSql.Query(sql);
        var lookup = Assert.IsType<ScalarSubquery>(Assert.IsType<SelectScalarExpression>(query.SelectElements[1]).Expression);
        var inner = Assert.IsType<QuerySpecification>(lookup.QueryExpression);
        Assert.Equal([("dbo", "Parent " + name)], TSql.Tables(inner));
        var pairs = TSql.All<BooleanComparisonExpression>(inner.WhereClause);
        Assert.Equal(keySize, pairs.Count);

        // Each pair compares the aliased parent with the outer child row, named by its full name.
        Assert.All(pairs, c =>
        {
            var parentSide = ((ColumnReferenceExpression)c.FirstExpression).MultiPartIdentifier.Identifiers;
            var childSide = ((ColumnReferenceExpression)c.SecondExpression).MultiPartIdentifier.Identifiers;
            Assert.Equal("p", parentSide[0].Value);
            Assert.Equal([name, "Child " + name], childSide.Take(2).Select(i => i.Value));
        });
    }

    [Fact]
    public void Self_reference_through_an_alternate_key_keeps_the_outer_row_apart()
    {
        var table = new TableName("dbo", "Staff");

        var sql = _dialect.SelectThrough(table, ["ManagerCode"], table, ["StaffCode"], "StaffId");

        Assert.Equal("(SELECT [p].[StaffId] FROM [dbo].[Staff] AS [p] WHERE [p].[StaffCode] = [dbo].[Staff].[ManagerCode])", sql);
    }
}
