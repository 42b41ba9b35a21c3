using Ferry.Core.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// The dialect made for one database's schema: memory-optimized tables read WITH (SNAPSHOT) in every statement, and
/// hierarchyid keys (a FileTable's path_locator) read as text and compared as hierarchyid. Every statement parses.
/// </summary>
public sealed class SqlServerSchemaDialectTests
{
    private static readonly TableName InMemory = new("dbo", "SessionState");
    private static readonly TableName Disk = new("dbo", "Student");
    private static readonly TableName Files = new("dbo", "Documents");

    private readonly SqlServerDialect _dialect = new(new SourceSchema(
    [
        new SourceTable(InMemory, [new("SessionId", "int", false), new("StudentId", "int", true)], ["SessionId"], [], [], MemoryOptimized: true),
        new SourceTable(Disk, [new("StudentId", "int", false), new("SessionId", "int", true)], ["StudentId"], [], []),
        new SourceTable(Files, [new("path_locator", "hierarchyid", false), new("name", "nvarchar", false, MaxLength: 255), new("Owner", "int", true)], ["path_locator"], [], []),
    ]));

    public static TheoryData<string> Statements() => ["range", "boundaries", "span", "values", "nullkeys", "count", "orphans-child", "orphans-parent", "through"];

    [Theory]
    [MemberData(nameof(Statements))]
    public void Memory_optimized_table_is_read_with_the_snapshot_hint_in_every_statement(string kind)
    {
        var query = TSql.SingleStatement(Build(kind));

        var references = TSql.All<NamedTableReference>(query);
        Assert.Contains(references, r => r.SchemaObject.BaseIdentifier.Value == InMemory.Name);
        Assert.All(references, r => Assert.Equal(
            r.SchemaObject.BaseIdentifier.Value == InMemory.Name,
            r.TableHints.Any(h => h.HintKind == TableHintKind.Snapshot)));
    }

    [Fact]
    public void Disk_tables_get_no_hint_and_a_dialect_without_schema_none_at_all()
    {
        var plain = new SqlServerDialect();

        Assert.DoesNotContain("WITH (SNAPSHOT)", _dialect.SelectRange(Disk, ["[StudentId]"], ["StudentId"], true, true), StringComparison.Ordinal);
        Assert.DoesNotContain("WITH (SNAPSHOT)", plain.SelectRange(InMemory, ["[SessionId]"], ["SessionId"], true, true), StringComparison.Ordinal);
    }

    [Fact]
    public void Hierarchyid_key_boundaries_are_read_as_text_in_the_columns_own_order()
    {
        var sql = _dialect.SelectKeyBoundaries(Files, ["path_locator"], 1000);

        var query = TSql.Query(sql);
        var outer = Assert.IsType<SelectScalarExpression>(Assert.Single(query.SelectElements));
        Assert.Equal("path_locator", outer.ColumnName.Value);
        Assert.Equal("v0", ((ColumnReferenceExpression)outer.Expression).MultiPartIdentifier.Identifiers[^1].Value);
        Assert.Equal("k0", ((ColumnReferenceExpression)Assert.Single(query.OrderByClause.OrderByElements).Expression).MultiPartIdentifier.Identifiers[^1].Value);
        var text = Assert.Single(TSql.All<CastCall>(query));
        Assert.Equal("nvarchar", text.DataType.Name.BaseIdentifier.Value);
        var rowNumber = Assert.Single(TSql.All<FunctionCall>(query), f => f.FunctionName.Value == "ROW_NUMBER");
        Assert.Equal("path_locator", ((ColumnReferenceExpression)Assert.Single(rowNumber.OverClause.OrderByClause.OrderByElements).Expression).MultiPartIdentifier.Identifiers[^1].Value);
    }

    [Fact]
    public void Hierarchyid_key_is_compared_with_its_bound_cast_back_to_hierarchyid()
    {
        var sql = _dialect.SelectRange(Files, ["[name]"], ["path_locator", "name"], hasLower: true, hasUpper: true, sharedPrefix: 1);

        var query = TSql.Query(sql);
        var comparisons = TSql.All<BooleanComparisonExpression>(query.WhereClause)
            .Where(c => c.FirstExpression is ColumnReferenceExpression col && col.MultiPartIdentifier.Identifiers[^1].Value == "path_locator")
            .ToList();
        Assert.NotEmpty(comparisons);
        Assert.All(comparisons, c =>
        {
            var cast = Assert.IsType<CastCall>(c.SecondExpression);
            Assert.Equal("hierarchyid", cast.DataType.Name.BaseIdentifier.Value);
            Assert.IsType<VariableReference>(cast.Parameter);
        });
        Assert.DoesNotContain(TSql.All<BooleanComparisonExpression>(query.WhereClause), c =>
            c.FirstExpression is ColumnReferenceExpression { MultiPartIdentifier.Identifiers: [.., { Value: "name" }] } && c.SecondExpression is CastCall);
    }

    [Fact]
    public void Orphans_with_a_hierarchyid_child_key_select_it_as_text()
    {
        var fk = new ForeignKeyInfo("FK_Documents_Student", Files, ["Owner"], Disk, ["StudentId"]);

        var query = TSql.Query(_dialect.SelectOrphanKeys(fk, ["path_locator"]));

        var key = Assert.IsType<SelectScalarExpression>(Assert.Single(query.SelectElements));
        Assert.Equal("path_locator", key.ColumnName.Value);
        Assert.Equal("nvarchar", Assert.IsType<CastCall>(key.Expression).DataType.Name.BaseIdentifier.Value);
    }

    private string Build(string kind) => kind switch
    {
        "range" => _dialect.SelectRange(InMemory, ["[SessionId]"], ["SessionId"], true, true),
        "boundaries" => _dialect.SelectKeyBoundaries(InMemory, ["SessionId"], 500),
        "span" => _dialect.SelectSpan(InMemory, "SessionId"),
        "values" => _dialect.SelectValues(InMemory, "SessionId"),
        "nullkeys" => _dialect.SelectNullKeys(InMemory, ["[SessionId]"], ["SessionId"]),
        "count" => _dialect.CountRows(InMemory),
        "orphans-child" => _dialect.SelectOrphanKeys(new ForeignKeyInfo("FK_Session_Student", InMemory, ["StudentId"], Disk, ["StudentId"]), ["SessionId"]),
        "orphans-parent" => _dialect.SelectOrphanKeys(new ForeignKeyInfo("FK_Student_Session", Disk, ["SessionId"], InMemory, ["SessionId"]), ["StudentId"]),
        "through" => _dialect.SelectRange(Disk, ["[StudentId]", _dialect.SelectThrough(Disk, ["SessionId"], InMemory, ["SessionId"], "SessionId")], ["StudentId"], true, false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
