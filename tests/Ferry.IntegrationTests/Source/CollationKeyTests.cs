using Ferry.Core.Model;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Source;

/// <summary>
/// Text keys under collations that ignore case or accents, as SQL Server's default collations do: on the stand-in
/// through nondeterministic ICU collations. A child may spell its reference differently from the parent's key and
/// still reference it; every such row loads and points at its parent.
/// </summary>
public sealed class CollationKeyTests
{
    private const string Schema = """
        CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
        CREATE COLLATION ci_ai (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
        CREATE COLLATION cs (provider = icu, locale = 'und-u-ks-level1-kc-true', deterministic = false);
        CREATE SCHEMA dbo;
        CREATE TABLE dbo."School" ("SchoolCode" varchar(10) COLLATE ci PRIMARY KEY, "Name" text NOT NULL);
        INSERT INTO dbo."School" VALUES ('ABC', 'Alpha'), ('Def', 'Delta'), ('xyz', 'Xi'), ('ＷＩＤＥ', 'Wide'), ('Q', 'Queen');
        CREATE TABLE dbo."Student" (
            "StudentId" integer PRIMARY KEY,
            "SchoolCode" varchar(10) COLLATE ci REFERENCES dbo."School" ("SchoolCode"));
        INSERT INTO dbo."Student" VALUES
            (1, 'abc'), (2, 'ABC'), (3, 'aBc'), (4, 'DEF'), (5, 'def'), (6, 'XYZ'), (7, 'xyz'), (8, 'wide'), (9, NULL), (10, 'q');
        CREATE TABLE dbo."Program" ("ProgramName" varchar(20) COLLATE ci_ai PRIMARY KEY);
        INSERT INTO dbo."Program" VALUES ('Élan'), ('Garçon'), ('Zürich');
        CREATE TABLE dbo."Enrollment" (
            "EnrollmentId" integer PRIMARY KEY,
            "ProgramName" varchar(20) COLLATE ci_ai NOT NULL REFERENCES dbo."Program" ("ProgramName"));
        INSERT INTO dbo."Enrollment" VALUES (1, 'elan'), (2, 'ELAN'), (3, 'garcon'), (4, 'Garçon'), (5, 'zurich');
        CREATE TABLE dbo."Tag" ("Tag" varchar(10) COLLATE cs PRIMARY KEY);
        INSERT INTO dbo."Tag" VALUES ('a'), ('A'), ('é');
        """;

    [Fact]
    public async Task Introspection_reads_what_each_collation_ignores()
    {
        await using var m = await StandInMigration.CreateAsync("collation_intro", Schema);
        var schema = await MigrationContext.IntrospectAsync(m.Config().Districts[0], CancellationToken.None);

        var code = schema.Find(new TableName("dbo", "School"))!.Column("SchoolCode")!;
        var program = schema.Find(new TableName("dbo", "Program"))!.Column("ProgramName")!;
        var tag = schema.Find(new TableName("dbo", "Tag"))!.Column("Tag")!;
        var name = schema.Find(new TableName("dbo", "School"))!.Column("Name")!;

        Assert.Equal(("ci", TextInsensitivity.Case | TextInsensitivity.Width | TextInsensitivity.Kana), (code.Collation, code.Insensitive));
        Assert.Equal(TextInsensitivity.Case | TextInsensitivity.Accent | TextInsensitivity.Width | TextInsensitivity.Kana, program.Insensitive);
        Assert.Equal(TextInsensitivity.Accent | TextInsensitivity.Width | TextInsensitivity.Kana, tag.Insensitive);
        Assert.Equal(TextInsensitivity.None, name.Insensitive);
    }

    [Fact]
    public async Task References_spelt_differently_from_their_parent_key_load_and_point_at_it()
    {
        await using var m = await StandInMigration.CreateAsync("collation_load", Schema);

        var outcome = await m.LoadAsync();

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal(0, await MigrationFixture.CountAsync(m.Target, "SELECT count(*) FROM ferry.quarantine"));
        Assert.Equal(10, await MigrationFixture.CountAsync(m.Target, "SELECT count(*) FROM dbo.student"));
        Assert.Equal(5, await MigrationFixture.CountAsync(m.Target, "SELECT count(*) FROM dbo.enrollment"));

        // Each child's reference is the id of the parent PostgreSQL itself matches under the column's collation.
        Assert.Equal(
            await m.Source.ScalarAsync<string>("""
                SELECT string_agg(s."StudentId" || '->' || p."SchoolCode", ',' ORDER BY s."StudentId")
                FROM dbo."Student" AS s JOIN dbo."School" AS p ON p."SchoolCode" = s."SchoolCode"
                """),
            await m.Target.ScalarAsync<string>("""
                SELECT string_agg(s.legacy_student_id || '->' || p.legacy_school_code, ',' ORDER BY s.legacy_student_id)
                FROM dbo.student AS s JOIN dbo.school AS p ON p.tenant_id = s.tenant_id AND p.id = s.school_code_id
                """));
        Assert.Equal(
            await m.Source.ScalarAsync<string>("""
                SELECT string_agg(e."EnrollmentId" || '->' || p."ProgramName", ',' ORDER BY e."EnrollmentId")
                FROM dbo."Enrollment" AS e JOIN dbo."Program" AS p ON p."ProgramName" = e."ProgramName"
                """),
            await m.Target.ScalarAsync<string>("""
                SELECT string_agg(e.legacy_enrollment_id || '->' || p.legacy_program_name, ',' ORDER BY e.legacy_enrollment_id)
                FROM dbo.enrollment AS e JOIN dbo.program AS p ON p.tenant_id = e.tenant_id AND p.id = e.program_name_id
                """));
        Assert.Equal(1, await MigrationFixture.CountAsync(m.Target, "SELECT count(*) FROM dbo.student WHERE school_code_id IS NULL"));
    }

    [Fact]
    public async Task Keys_a_collation_keeps_apart_stay_apart()
    {
        // 'a' and 'A' differ under a case-sensitive collation even when accents are ignored: two rows, two ids.
        await using var m = await StandInMigration.CreateAsync("collation_cs", Schema);

        await m.LoadAsync();

        Assert.Equal(3, await MigrationFixture.CountAsync(m.Target, "SELECT count(DISTINCT id) FROM dbo.tag"));
    }

    [Fact]
    public async Task Verification_finds_parity_for_keys_under_insensitive_collations()
    {
        await using var m = await StandInMigration.CreateAsync("collation_verify", Schema);
        await m.LoadAsync();

        var result = await Verification.Verification.RunAsync(m.Config());

        Assert.All(result.Entities, e => Assert.True(e.HasParity, $"{e.Entity}: missing {e.Missing}, extra {e.Extra}, changed {e.Changed}"));
    }
}
