using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Ferry.Postgres.Source;

namespace Ferry.IntegrationTests.Source;

/// <summary>
/// A case-sensitive catalog on the stand-in (quoted names): tables and columns whose names differ only in case are
/// distinct, are read apart, and load into distinct columns.
/// </summary>
public sealed class CaseSensitiveNamesTests
{
    private const string TwoTables = """
        CREATE SCHEMA dbo;
        CREATE TABLE dbo."Term" ("TermId" integer PRIMARY KEY, "Code" text NOT NULL, "CODE" text NOT NULL);
        INSERT INTO dbo."Term" VALUES (1, 'spring', 'SPRING'), (2, 'fall', 'FALL');
        CREATE TABLE dbo."TERM" ("TermId" integer PRIMARY KEY, "Label" text NOT NULL);
        INSERT INTO dbo."TERM" VALUES (10, 'other table'), (11, 'other table'), (12, 'other table');
        """;

    private const string OneTable = """
        CREATE SCHEMA dbo;
        CREATE TABLE dbo."Term" ("TermId" integer PRIMARY KEY, "Code" text NOT NULL, "CODE" text NOT NULL);
        INSERT INTO dbo."Term" VALUES (1, 'spring', 'SPRING'), (2, 'fall', 'FALL'), (3, 'summer', 'SUMMER');
        CREATE TABLE dbo."Grade" ("GradeId" integer PRIMARY KEY, "termid" integer, "TermId" integer REFERENCES dbo."Term" ("TermId"));
        INSERT INTO dbo."Grade" VALUES (1, 99, 1), (2, 98, 2), (3, 97, 3), (4, 96, 1);
        """;

    [Fact]
    public async Task Tables_and_columns_differing_only_in_case_are_introspected_apart()
    {
        await using var m = await StandInMigration.CreateAsync("casenames_intro", TwoTables);
        var schema = await MigrationContext.IntrospectAsync(m.Config().Districts[0], CancellationToken.None);

        var lower = schema.Find(new TableName("dbo", "Term"))!;
        var upper = schema.Find(new TableName("dbo", "TERM"))!;

        Assert.Equal(["TermId", "Code", "CODE"], lower.Columns.Select(c => c.Name));
        Assert.Equal(["TermId", "Label"], upper.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Each_table_is_read_by_its_own_name()
    {
        await using var m = await StandInMigration.CreateAsync("casenames_read", TwoTables);
        var adapter = new PostgresSourceAdapter();
        var dialect = adapter.Dialect;
        await using var connection = await adapter.OpenAsync(m.Source.ConnectionString, CancellationToken.None);

        var lower = await SourceRows.ReadAsync(adapter, connection, null, dialect.SelectRange(new TableName("dbo", "Term"), [dialect.Quote("CODE")], ["TermId"], false, false));
        var upper = await SourceRows.ReadAsync(adapter, connection, null, dialect.SelectRange(new TableName("dbo", "TERM"), [dialect.Quote("Label")], ["TermId"], false, false));

        Assert.Equal(["FALL", "SPRING"], lower.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(3, upper.Count);
    }

    [Fact]
    public async Task Columns_differing_only_in_case_are_refused_until_renamed_then_load_into_distinct_columns()
    {
        await using var m = await StandInMigration.CreateAsync("casenames_load", OneTable);

        // Both become column "code": the mapping marks the collision and nothing loads until one is renamed.
        var refused = await Assert.ThrowsAsync<ConfigException>(() => MigrationContext.ResolveAsync(m.Config(), [], [], CancellationToken.None));
        Assert.Contains("dbo.Term.Code and dbo.Term.CODE", refused.Message);
        var scaffold = Path.Combine(m.Directory, "scaffold");
        var context = await MigrationContext.ResolveAsync(m.Config(), [], [], CancellationToken.None, allowCollisions: true);
        await Ferry.Engine.Scaffolding.Scaffolder.ScaffoldAsync(context, scaffold, apply: false, CancellationToken.None);
        var mappingPath = Path.Combine(scaffold, "mapping.yaml");
        var mapping = await File.ReadAllTextAsync(mappingPath);
        const string upperColumn = "  - source: CODE\n    target: code\n";
        Assert.Contains(upperColumn, mapping);
        await File.WriteAllTextAsync(mappingPath, mapping.Replace(upperColumn, "  - source: CODE\n    target: code_upper\n"));
        await m.WriteConfigAsync(m.Source.ConnectionString, extra: "mapping: scaffold/mapping.yaml");

        var outcome = await m.LoadAsync();

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal(0, await MigrationFixture.CountAsync(m.Target, "SELECT count(*) FROM ferry.quarantine"));
        Assert.Equal("fall,spring,summer", await m.Target.ScalarAsync<string>("SELECT string_agg(code, ',' ORDER BY code) FROM dbo.term"));
        Assert.Equal("FALL,SPRING,SUMMER", await m.Target.ScalarAsync<string>("SELECT string_agg(code_upper, ',' ORDER BY code_upper) FROM dbo.term"));

        // "termid" is a plain column; only "TermId" references Term.
        Assert.Equal(4, await MigrationFixture.CountAsync(m.Target, """
            SELECT count(*) FROM dbo.grade AS g JOIN dbo.term AS t ON t.tenant_id = g.tenant_id AND t.id = g.term_id
            WHERE t.legacy_term_id = g.legacy_term_id
            """));
    }
}
