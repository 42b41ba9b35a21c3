using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Verification;

/// <summary>
/// The canonical form must make a legacy value and the PostgreSQL value it became compare equal for every type the
/// stand-in source has, including the awkward ones (char padding, numeric scale, money, NaN and -0, infinity,
/// intervals, JSON that jsonb rewrites), and recorded fixes must not count as changes.
/// </summary>
public sealed class TypeParityTests
{
    private const string Tenant = "6a1f7c1e-0000-4000-8000-000000000001";

    private const string Typed = """
        CREATE TABLE dbo."Typed" (
            "TypedId" integer PRIMARY KEY,
            "Flag" boolean, "Small" smallint, "Big" bigint, "Amount" numeric(12,4), "Loose" numeric, "Price" money,
            "Ratio" real, "Precise" double precision, "Day" date, "At" time(3), "Stamp" timestamp(6), "StampTz" timestamptz,
            "Span" interval, "Code" character(6), "Label" character varying(40), "Body" text, "Blob" bytea, "Ref" uuid,
            "Doc" json, "DocB" jsonb, "Markup" xml);
        INSERT INTO dbo."Typed"
        SELECT i,
               CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END,
               (i % 300 - 150)::smallint, i::bigint * 1000003 - 5000000,
               CASE WHEN i % 4 = 0 THEN 1.5 ELSE round(i / 7.0, 4) END, CASE WHEN i % 3 = 0 THEN 1.50 ELSE i / 8.0 END, (i * 1.25)::numeric::money,
               CASE WHEN i = 1 THEN 'NaN'::real WHEN i = 2 THEN '-0'::real ELSE i / 3.0 END,
               CASE WHEN i = 3 THEN '-0'::float8 WHEN i = 4 THEN 'Infinity'::float8 ELSE i / 3.0 END,
               CASE WHEN i = 5 THEN '-infinity'::date ELSE date '1999-12-31' + i END,
               time '08:00:00.123' + i * interval '1 second',
               CASE WHEN i = 6 THEN 'infinity'::timestamp ELSE timestamp '1969-07-20 20:17:40.123456' + i * interval '1 day 1.5 seconds' END,
               timestamptz '2001-02-03 04:05:06.789+02' + i * interval '1 hour',
               CASE WHEN i % 50 = 0 THEN interval '1 month' ELSE i * interval '1 minute 0.25 seconds' END,
               CASE WHEN i % 6 = 0 THEN 'AB' ELSE 'C' || i END,
               CASE WHEN i % 7 = 0 THEN '' WHEN i % 11 = 0 THEN 'trailing  ' ELSE 'L' || i END,
               CASE WHEN i % 9 = 0 THEN NULL ELSE repeat('x', i % 20) || ' é 😀' END,
               CASE WHEN i % 8 = 0 THEN ''::bytea ELSE decode(md5(i::text), 'hex') END,
               md5('r' || i)::uuid,
               CASE WHEN i % 2 = 0 THEN ('{ "b": 1.50, "a": [1e2, "x"], "a": {"z": null, "y": true} }')::json ELSE ('{"n":' || i || '}')::json END,
               ('{"k": ' || i || ', "list": [3, 2, 1], "s": "é\n"}')::jsonb,
               ('<r a="' || i || '"><c>t</c></r>')::xml
        FROM generate_series(1, 400) i;
        ANALYZE;
        """;

    [Fact]
    public async Task Every_value_kind_round_trips_with_parity()
    {
        await using var f = await MigrationFixture.CreateAsync("typed", districts: 1, students: 100, batchSize: 90);
        await f.Districts[0].ExecuteAsync(Typed);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);

        var typed = (await Verification.RunAsync(config)).Entity("d001", "dbo.Typed");

        // Intervals of a month, infinities and -0 arrive as themselves: nothing is quarantined.
        Assert.True(typed.HasParity, string.Join("; ", typed.Samples));
        Assert.Equal((400L, 400L, 0L), (typed.SourceRows, typed.TargetRows, typed.Quarantined));
    }

    [Fact]
    public async Task Recorded_fixes_are_not_changes_but_undoing_one_is()
    {
        await using var f = await MigrationFixture.CreateAsync("fixes", districts: 1, students: 300, batchSize: 90, extra: "policies: { badValue: null, sentinelDate: null, orphan: null }");
        await f.Districts[0].ExecuteAsync(Typed);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        // Three 1900-01-01 birth dates. The 'infinity' timestamp is not 9999-12-31 and is no sentinel.
        Assert.Equal(3, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.quarantine WHERE action = 'nulled' AND reason_code = 'sentinel_date'"));

        var clean = await Verification.RunAsync(config);
        Assert.True(clean.HasParity, string.Join("; ", clean.Entities.SelectMany(e => e.Samples)));
        Assert.Equal(400, clean.Entity("d001", "dbo.Typed").TargetRows);

        await f.Target.ExecuteAsync($"UPDATE dbo.student SET birth_date = date '1900-01-01' WHERE tenant_id = '{Tenant}' AND legacy_student_id = 97");
        var student = (await Verification.RunAsync(config)).Entity("d001", "dbo.Student");
        Assert.Equal(1, student.Changed);
        Assert.Equal(["BirthDate"], Assert.Single(student.Samples).Columns);
    }

    [Fact]
    public async Task Reviewed_mapping_from_text_to_date_verifies_with_parity()
    {
        await using var f = await MigrationFixture.CreateAsync("textdate", districts: 1, students: 400, batchSize: 100);
        var scaffold = Path.Combine(f.Directory, "scaffold");
        var config = f.Config();
        var context = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], CancellationToken.None);
        await Ferry.Engine.Scaffolding.Scaffolder.ScaffoldAsync(context, scaffold, apply: false, CancellationToken.None);
        var mappingPath = Path.Combine(scaffold, "mapping.yaml");
        var column = "  - source: BirthDateText\n    target: birth_date_text\n    sourceType: character varying\n    targetType: varchar(20)";
        var mapping = await File.ReadAllTextAsync(mappingPath);
        Assert.Contains(column, mapping);
        await File.WriteAllTextAsync(mappingPath, mapping.Replace(column, column.Replace("targetType: varchar(20)", "targetType: date")));
        var reviewed = f.Config(f.WriteConfig(f.Target, 100, extra: "mapping: scaffold/mapping.yaml", name: "reviewed.yaml"));
        await MigrationFixture.ScaffoldAsync(reviewed, scaffold);
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(reviewed)).Exit);

        var imports = (await Verification.RunAsync(reviewed)).Entity("d001", "dbo.LegacyImport");

        Assert.True(imports.HasParity, string.Join("; ", imports.Samples));
        Assert.Equal(DistrictSchema.BadDates(400), imports.Quarantined);

        await f.Target.ExecuteAsync("UPDATE dbo.legacy_import SET birth_date_text = birth_date_text + 1 WHERE legacy_import_id = 5");
        var changed = (await Verification.RunAsync(reviewed)).Entity("d001", "dbo.LegacyImport");
        Assert.Equal(["BirthDateText"], Assert.Single(changed.Samples).Columns);
    }
}
