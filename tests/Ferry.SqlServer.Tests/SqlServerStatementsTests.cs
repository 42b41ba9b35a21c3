using System.Globalization;
using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// The statements the adapter runs besides the dialect's: introspection (in every server version's variant),
/// isolation and permission checks, change tracking, the lock timeout. Each parses as one statement of its kind.
/// </summary>
public sealed class SqlServerStatementsTests
{
    /// <summary>The statements that are not a SELECT; every other one is.</summary>
    private static readonly Dictionary<string, Type> NotSelects = new() { ["LockTimeout"] = typeof(SetCommandStatement) };

    public static TheoryData<string> StatementNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Statements().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_statement_is_found_by_the_parse_checks()
    {
        // Guards the reflection below: a statement moved out of SqlServerStatements would otherwise go unchecked.
        Assert.Equal(
            [
                "CatalogFeatures", "ChangeTrackingEnabled", "ChangeTrackingVersion", "Columns@2016", "Columns@2017", "Columns@2022",
                "DatabaseViewDefinition", "DeniedColumns", "Facts", "ForeignKeys", "HiddenReferences", "IsolationSettings", "Keys@2016", "Keys@2017",
                "Keys@2022", "LockTimeout", "MinValidVersion", "TablePermissions", "Tables@2016", "Tables@2017", "Tables@2022", "TrackedTables",
            ],
            Statements().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void Statement_parses_as_a_single_statement_of_its_kind(string name)
    {
        var statement = Parse(name);

        Assert.IsType(NotSelects.GetValueOrDefault(name) ?? typeof(SelectStatement), statement);
    }

    [Fact]
    public void Lock_timeout_sets_the_adapters_timeout()
    {
        var set = (SetCommandStatement)Parse("LockTimeout");

        var option = Assert.IsType<GeneralSetCommand>(Assert.Single(set.Commands));
        Assert.Equal(GeneralSetCommandType.LockTimeout, option.CommandType);
        Assert.Equal(SqlServerAdapter.LockTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture), ((Literal)option.Parameter).Value);
    }

    [Theory]
    [InlineData("CatalogFeatures", 1)]
    [InlineData("Tables", 5)]
    [InlineData("Columns", 9)]
    [InlineData("Keys", 4)]
    [InlineData("ForeignKeys", 8)]
    [InlineData("IsolationSettings", 2)]
    [InlineData("ChangeTrackingVersion", 1)]
    [InlineData("Facts", 3)]
    [InlineData("TablePermissions", 4)]
    [InlineData("DeniedColumns", 3)]
    [InlineData("DatabaseViewDefinition", 1)]
    [InlineData("HiddenReferences", 3)]
    [InlineData("ChangeTrackingEnabled", 1)]
    [InlineData("TrackedTables", 2)]
    [InlineData("MinValidVersion", 1)]
    public void Statement_returns_the_columns_its_reader_expects(string name, int columns)
    {
        foreach (var variant in Variants(name))
        {
            Assert.Equal(columns, Query(variant).SelectElements.Count);
        }
    }

    [Theory]
    [InlineData("Tables", "tables", "schemas", "partitions")]
    [InlineData("Columns", "columns", "tables", "types")]
    [InlineData("Keys", "indexes", "index_columns", "columns")]
    [InlineData("ForeignKeys", "foreign_keys", "foreign_key_columns", "columns")]
    [InlineData("SnapshotIsolationState", "databases")]
    [InlineData("Facts", "databases")]
    [InlineData("IsolationSettings", "databases")]
    [InlineData("CatalogFeatures", "all_columns")]
    [InlineData("TablePermissions", "tables", "schemas")]
    [InlineData("DeniedColumns", "columns", "tables", "schemas")]
    [InlineData("HiddenReferences", "foreign_keys", "tables")]
    [InlineData("ChangeTrackingEnabled", "change_tracking_databases")]
    [InlineData("TrackedTables", "change_tracking_tables", "tables", "schemas")]
    public void Introspection_reads_the_sys_catalog_views(string name, params string[] views)
    {
        foreach (var variant in Variants(name))
        {
            var tables = TSql.Tables(Parse(variant));
            Assert.All(tables, t => Assert.Equal("sys", t.Schema));
            Assert.All(views, v => Assert.Contains(("sys", v), tables));
        }
    }

    [Fact]
    public void User_tables_exclude_system_shipped_objects()
    {
        foreach (var name in new[] { "Tables", "Columns", "Keys", "ForeignKeys" }.SelectMany(Variants))
        {
            Assert.Contains("is_ms_shipped = 0", Statements()[name], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2016")]
    [InlineData("2017")]
    [InlineData("2022")]
    public void Tables_leave_out_history_and_external_tables_and_ledger_history_only_where_the_catalog_has_it(string version)
    {
        var columns = TSql.ColumnNames(Parse("Tables@" + version));

        Assert.Contains("temporal_type", columns);
        Assert.Contains("is_external", columns);
        Assert.Equal(version == "2022", columns.Contains("ledger_type"));
        Assert.Equal(version == "2022", columns.Contains("is_dropped_ledger_table"));
    }

    [Theory]
    [InlineData("2016")]
    [InlineData("2017")]
    [InlineData("2022")]
    public void Columns_leave_out_column_sets_and_graph_columns_only_where_the_catalog_has_them(string version)
    {
        var columns = TSql.ColumnNames(Parse("Columns@" + version));
        var keys = TSql.ColumnNames(Parse("Keys@" + version));

        Assert.Contains("is_column_set", columns);
        Assert.Contains("collation_name", columns);
        Assert.Equal(version != "2016", columns.Contains("graph_type"));
        Assert.Equal(version != "2016", keys.Contains("graph_type"));
    }

    [Theory]
    [InlineData("TablePermissions", "SELECT", "VIEW DEFINITION")]
    [InlineData("DeniedColumns", "SELECT")]
    [InlineData("DatabaseViewDefinition", "VIEW DEFINITION")]
    public void Permissions_are_checked_with_has_perms_by_name(string name, params string[] permissions)
    {
        var calls = TSql.All<FunctionCall>(Parse(name)).Where(f => f.FunctionName.Value == "HAS_PERMS_BY_NAME").ToList();

        Assert.Equal(permissions.Order(StringComparer.Ordinal), calls.Select(c => ((StringLiteral)c.Parameters[2]).Value).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Minimum_valid_version_takes_the_table_name_as_a_parameter()
    {
        var call = Assert.Single(TSql.All<FunctionCall>(Parse("MinValidVersion")), f => f.FunctionName.Value == "CHANGE_TRACKING_MIN_VALID_VERSION");

        Assert.Equal(["@p0"], TSql.Variables(call));
    }

    [Fact]
    public void Catalog_features_are_read_from_the_names_the_query_returns()
    {
        Assert.Equal(new SqlServerCatalog(false, false), SqlServerCatalog.From([]));
        Assert.Equal(new SqlServerCatalog(true, false), SqlServerCatalog.From(["graph_type"]));
        Assert.Equal(new SqlServerCatalog(true, true), SqlServerCatalog.From(["graph_type", "ledger_type", "is_dropped_ledger_table"]));
    }

    private static IEnumerable<string> Variants(string name) =>
        Statements().Keys.Where(k => k == name || k.StartsWith(name + "@", StringComparison.Ordinal));

    private static TSqlStatement Parse(string name) => TSql.SingleStatement(Statements()[name]);

    private static QuerySpecification Query(string name) =>
        Assert.IsType<QuerySpecification>(Assert.IsType<SelectStatement>(Parse(name)).QueryExpression);

    /// <summary>Every constant, and every method taking the catalog once per server version, as "Name@version".</summary>
    private static Dictionary<string, string> Statements()
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        var type = typeof(SqlServerStatements);
        var statements = type.GetFields(Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.IsPrivate)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        foreach (var method in type.GetMethods(Static).Where(m => m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(SqlServerCatalog)))
        {
            foreach (var catalog in SqlServerCatalog.Versions)
            {
                var version = catalog.Ledger ? "2022" : catalog.Graph ? "2017" : "2016";
                statements[$"{method.Name}@{version}"] = (string)method.Invoke(null, [catalog])!;
            }
        }

        return statements;
    }
}
