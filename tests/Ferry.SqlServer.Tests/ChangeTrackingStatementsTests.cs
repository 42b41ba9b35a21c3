using Ferry.Core.Abstractions;
using Ferry.Core.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Ferry.SqlServer.Tests;

/// <summary>
/// Every Change Tracking statement of deltas parses as SQL Server 2022 reads it, as the statement type it is meant to
/// be: the guarded ALTER DATABASE and ALTER TABLE of <c>dm delta enable|disable</c>, CHANGETABLE(CHANGES ...) with the
/// current row joined, the minimum valid version, the reads by key through OPENJSON.
/// </summary>
public sealed class ChangeTrackingStatementsTests
{
    private static readonly TableName Student = new("dbo", "Student");
    private static readonly TableName Awkward = new("sis data", "Term]Score");

    [Fact]
    public void Enable_database_is_a_guarded_alter_database_set_change_tracking()
    {
        var then = Guarded(SqlServerChangeStatements.EnableDatabase("SIS"));
        var alter = Assert.IsType<AlterDatabaseSetStatement>(then);
        Assert.Equal("SIS", alter.DatabaseName.Value);
        var option = Assert.IsType<ChangeTrackingDatabaseOption>(Assert.Single(alter.Options));
        Assert.Equal(OptionState.On, option.OptionState);
        Assert.Contains(option.Details, d => d is ChangeRetentionChangeTrackingOptionDetail { Unit: TimeUnit.Days });
        Assert.Contains(option.Details, d => d is AutoCleanupChangeTrackingOptionDetail { IsOn: true });
    }

    [Fact]
    public void Enable_table_is_a_guarded_alter_table_enable_change_tracking()
    {
        foreach (var table in new[] { Student, Awkward })
        {
            var alter = Assert.IsType<AlterTableChangeTrackingModificationStatement>(Guarded(SqlServerChangeStatements.EnableTable(table)));
            Assert.True(alter.IsEnable);
            Assert.Equal(table.Name, alter.SchemaObjectName.BaseIdentifier.Value);
            Assert.Equal(table.Schema, alter.SchemaObjectName.SchemaIdentifier.Value);
        }
    }

    [Fact]
    public void Disable_statements_turn_change_tracking_off_again()
    {
        var table = Assert.IsType<AlterTableChangeTrackingModificationStatement>(Guarded(SqlServerChangeStatements.DisableTable(Student)));
        Assert.False(table.IsEnable);
        var database = Assert.IsType<AlterDatabaseSetStatement>(Guarded(SqlServerChangeStatements.DisableDatabase("SIS")));
        Assert.Equal(OptionState.Off, Assert.IsType<ChangeTrackingDatabaseOption>(Assert.Single(database.Options)).OptionState);
    }

    [Fact]
    public void Changed_keys_read_changetable_changes_up_to_the_version_reached()
    {
        var query = TSql.Query(SqlServerChangeStatements.ChangedKeys(Student, ["StudentId", "SchoolYear"]));
        var changes = Assert.IsType<ChangeTableChangesTableReference>(Assert.Single(query.FromClause.TableReferences));
        Assert.Equal("Student", changes.Target.BaseIdentifier.Value);
        Assert.Equal(["@p0", "@p1"], TSql.Variables(query).Order(StringComparer.Ordinal));
        Assert.Contains("SYS_CHANGE_VERSION", TSql.ColumnNames(query));
    }

    [Fact]
    public void Changed_rows_join_the_current_row_from_the_table()
    {
        var query = TSql.Query(SqlServerChangeStatements.ChangedRows(Awkward, ["Id"], ["Id", "Score"]));
        var join = Assert.IsType<QualifiedJoin>(Assert.Single(query.FromClause.TableReferences));
        Assert.Equal(QualifiedJoinType.LeftOuter, join.QualifiedJoinType);
        Assert.IsType<ChangeTableChangesTableReference>(join.FirstTableReference);
        Assert.Contains(("sis data", "Term]Score"), TSql.Tables(query));
        Assert.Contains("SYS_CHANGE_OPERATION", TSql.ColumnNames(query));
    }

    [Fact]
    public void Min_valid_version_and_current_version_are_selects()
    {
        TSql.Query(SqlServerChangeStatements.MinValidVersion);
        TSql.Query(SqlServerChangeStatements.CurrentVersion);
    }

    [Fact]
    public void Rows_by_key_read_the_keys_through_openjson_typed_as_the_key_columns()
    {
        SourceColumn[] key = [new("StudentId", "int", false), new("Code", "nvarchar", false, MaxLength: 10), new("Amount", "decimal", false, Precision: 9, Scale: 2)];
        var rows = TSql.Query(SqlServerChangeStatements.SelectByKeys(Student, ["[StudentId]", "[Code]", "[Amount]", "[Name]"], key, fromKeys: false));
        Assert.Contains(("dbo", "Student"), TSql.Tables(rows));
        Assert.Single(TSql.All<OpenJsonTableReference>(rows));
        var keys = TSql.Query(SqlServerChangeStatements.SelectByKeys(Student, ["[StudentId]", "[Code]", "[Amount]"], key, fromKeys: true));
        var open = Assert.IsType<OpenJsonTableReference>(Assert.Single(keys.FromClause.TableReferences));
        Assert.Equal(["StudentId", "Code", "Amount"], open.SchemaDeclarationItems.Select(i => i.ColumnDefinition.ColumnIdentifier.Value));
        Assert.Equal("nvarchar(10)", SqlServerChangeStatements.TypeOf(key[1]));
        Assert.Equal("decimal(9, 2)", SqlServerChangeStatements.TypeOf(key[2]));
    }

    [Fact]
    public void Enable_leaves_out_tables_without_a_primary_key_which_get_diff_based_deltas()
    {
        var statements = new SqlServerChangeTracking().EnableStatements("SIS", [new CapturedTable(Student, ["StudentId"]), new CapturedTable(new TableName("dbo", "AttendanceEvent"), ["StudentId", "EventDate"], Tracked: false)]);

        Assert.Equal(2, statements.Count);
        Assert.DoesNotContain(statements, s => s.Contains("AttendanceEvent", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_based_delta_reads_a_keyless_table_whole_with_one_unparameterised_select()
    {
        var table = new TableName("dbo", "AttendanceEvent");

        var query = TSql.Query(new SqlServerDialect().SelectRange(table, ["[StudentId]", "[EventDate]", "[Note]"], ["StudentId", "EventDate"], hasLower: false, hasUpper: false));

        Assert.Equal([("dbo", "AttendanceEvent")], TSql.Tables(query));
        Assert.Empty(TSql.Variables(query));
    }

    /// <summary>The statement is <c>IF [NOT] EXISTS (...) statement</c>: returns the guarded statement.</summary>
    private static TSqlStatement Guarded(string sql) => Assert.IsType<IfStatement>(TSql.SingleStatement(sql)).ThenStatement;
}
