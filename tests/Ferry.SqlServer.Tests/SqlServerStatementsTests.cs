using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>The fixed statements the adapter runs: introspection, snapshot check, change tracking version.</summary>
public sealed class SqlServerStatementsTests
{
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
            ["ChangeTrackingVersion", "Columns", "ForeignKeys", "Keys", "LockTimeout", "SnapshotIsolationState", "Tables"],
            Statements().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void Statement_parses_as_a_single_statement_of_its_kind(string name)
    {
        if (name == "LockTimeout")
        {
            TSql.Single<SetCommandStatement>(Statements()[name]);
        }
        else
        {
            TSql.Single<SelectStatement>(Statements()[name]);
        }
    }

    [Fact]
    public void Lock_timeout_sets_the_adapters_timeout()
    {
        var set = TSql.Single<SetCommandStatement>(Statements()["LockTimeout"]);

        var option = Assert.IsType<GeneralSetCommand>(Assert.Single(set.Commands));
        Assert.Equal(GeneralSetCommandType.LockTimeout, option.CommandType);
        Assert.Equal(SqlServerAdapter.LockTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ((Literal)option.Parameter).Value);
    }

    [Theory]
    [InlineData("Tables", 4)]
    [InlineData("Columns", 8)]
    [InlineData("Keys", 4)]
    [InlineData("ForeignKeys", 8)]
    [InlineData("SnapshotIsolationState", 1)]
    [InlineData("ChangeTrackingVersion", 1)]
    public void Statement_returns_the_columns_its_reader_expects(string name, int columns)
    {
        Assert.Equal(columns, TSql.Query(Statements()[name]).SelectElements.Count);
    }

    [Theory]
    [InlineData("Tables", "tables", "schemas", "partitions")]
    [InlineData("Columns", "columns", "tables", "types")]
    [InlineData("Keys", "indexes", "index_columns", "columns")]
    [InlineData("ForeignKeys", "foreign_keys", "foreign_key_columns", "columns")]
    [InlineData("SnapshotIsolationState", "databases")]
    public void Introspection_reads_the_sys_catalog_views(string name, params string[] views)
    {
        var tables = TSql.Tables(TSql.Single<SelectStatement>(Statements()[name]));
        Assert.All(tables, t => Assert.Equal("sys", t.Schema));
        Assert.All(views, v => Assert.Contains(("sys", v), tables));
    }

    [Fact]
    public void User_tables_exclude_system_shipped_objects()
    {
        foreach (var name in new[] { "Tables", "Columns", "Keys", "ForeignKeys" })
        {
            Assert.Contains("is_ms_shipped = 0", Statements()[name], StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Statements() =>
        typeof(SqlServerStatements)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
}
