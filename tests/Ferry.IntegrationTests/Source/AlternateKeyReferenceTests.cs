using Ferry.Core.Model;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Source;

/// <summary>
/// Foreign keys that reference a unique constraint instead of the primary key: the reference goes through that
/// alternate key to the parent's id, and a value no parent has is an orphan like any other.
/// </summary>
public sealed class AlternateKeyReferenceTests
{
    private const string Schema = """
        CREATE SCHEMA dbo;
        CREATE TABLE dbo."School" (
            "SchoolId" integer PRIMARY KEY,
            "SchoolCode" varchar(6) NOT NULL CONSTRAINT "UQ_School_Code" UNIQUE,
            "Name" text NOT NULL);
        INSERT INTO dbo."School" SELECT i, 'S' || lpad(i::text, 3, '0'), 'School ' || i FROM generate_series(1, 5) AS i;
        CREATE TABLE dbo."Student" ("StudentId" integer PRIMARY KEY, "SchoolCode" varchar(6));
        INSERT INTO dbo."Student" SELECT i, CASE WHEN i = 7 THEN 'S999' WHEN i = 8 THEN NULL ELSE 'S' || lpad((i % 5 + 1)::text, 3, '0') END
        FROM generate_series(1, 12) AS i;
        ALTER TABLE dbo."Student" ADD CONSTRAINT "FK_Student_School" FOREIGN KEY ("SchoolCode") REFERENCES dbo."School" ("SchoolCode") NOT VALID;
        CREATE TABLE dbo."Section" (
            "SectionId" integer PRIMARY KEY,
            "SchoolYear" smallint NOT NULL,
            "Code" varchar(10) NOT NULL,
            CONSTRAINT "UQ_Section_Year_Code" UNIQUE ("SchoolYear", "Code"));
        INSERT INTO dbo."Section" VALUES (100, 2024, 'MATH-1'), (101, 2024, 'ART-2'), (102, 2025, 'MATH-1');
        CREATE TABLE dbo."Seat" ("SeatId" integer PRIMARY KEY, "Code" varchar(10), "Year" smallint);
        INSERT INTO dbo."Seat" VALUES (1, 'MATH-1', 2024), (2, 'MATH-1', 2025), (3, 'ART-2', 2024), (4, 'ART-2', 2025);
        ALTER TABLE dbo."Seat" ADD CONSTRAINT "FK_Seat_Section" FOREIGN KEY ("Year", "Code") REFERENCES dbo."Section" ("SchoolYear", "Code") NOT VALID;
        """;

    [Fact]
    public async Task Reference_to_a_unique_constraint_maps_through_it()
    {
        await using var m = await StandInMigration.CreateAsync("altkey_map", Schema);

        var context = await MigrationContext.ResolveAsync(m.Config(), [], [], CancellationToken.None);

        var reference = Assert.Single(context.Mappings[new TableName("dbo", "Student")].References);
        Assert.Equal(["SchoolCode"], reference.Columns);
        Assert.Equal(["SchoolCode"], reference.Via!);
        var seat = Assert.Single(context.Mappings[new TableName("dbo", "Seat")].References);
        Assert.Equal(["Year", "Code"], seat.Columns);
        Assert.Equal(["SchoolYear", "Code"], seat.Via!);
    }

    [Fact]
    public async Task Children_load_with_the_id_of_the_parent_their_alternate_key_names()
    {
        await using var m = await StandInMigration.CreateAsync("altkey_load", Schema, batchSize: 3);

        var outcome = await m.LoadAsync();

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal(
            await m.Source.ScalarAsync<string>("""
                SELECT string_agg(s."StudentId" || '->' || p."SchoolId", ',' ORDER BY s."StudentId")
                FROM dbo."Student" AS s JOIN dbo."School" AS p ON p."SchoolCode" = s."SchoolCode"
                """),
            await m.Target.ScalarAsync<string>("""
                SELECT string_agg(s.legacy_student_id || '->' || p.legacy_school_id, ',' ORDER BY s.legacy_student_id)
                FROM dbo.student AS s JOIN dbo.school AS p ON p.tenant_id = s.tenant_id AND p.id = s.school_code_id
                """));
        Assert.Equal("1->100,2->102,3->101", await m.Target.ScalarAsync<string>("""
            SELECT string_agg(s.legacy_seat_id || '->' || p.legacy_section_id, ',' ORDER BY s.legacy_seat_id)
            FROM dbo.seat AS s JOIN dbo.section AS p ON p.tenant_id = s.tenant_id AND p.id = s.section_id
            """));

        // Student 8 has no school (NULL): it loads without a reference.
        Assert.Equal(1, await MigrationFixture.CountAsync(m.Target, "SELECT count(*) FROM dbo.student WHERE school_code_id IS NULL AND legacy_student_id = 8"));
    }

    [Fact]
    public async Task A_value_no_parent_has_is_an_orphan_naming_the_alternate_key()
    {
        await using var m = await StandInMigration.CreateAsync("altkey_orphan", Schema, batchSize: 3);

        await m.LoadAsync();

        Assert.Equal(
            ["dbo.Seat|orphan|dbo.Section(SchoolYear, Code) = 2025|ART-2 does not exist", "dbo.Student|orphan|dbo.School(SchoolCode) = S999 does not exist"],
            (await m.Target.ScalarAsync<string>("SELECT string_agg(entity || '|' || reason_code || '|' || reason, E'\\n' ORDER BY entity) FROM ferry.quarantine"))!.Split('\n'));
    }
}
