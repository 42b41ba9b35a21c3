using Ferry.Engine.Running;

namespace Ferry.IntegrationTests.Engine;

public sealed class PolicyAndMappingTests
{
    [Fact]
    public async Task Orphan_policy_null_loads_nullable_references_as_null_and_records_the_fix()
    {
        await using var f = await MigrationFixture.CreateAsync("policynull", districts: 1, students: 300, batchSize: 100, extra: "policies: { orphan: null }");
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var outcome = await MigrationFixture.RunAsync(config);

        Assert.Equal(RunExit.Completed, outcome.Exit);
        var nulled = DistrictSchema.EnrollmentOrphans(300);
        Assert.Equal(nulled, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.quarantine WHERE action = 'nulled' AND reason_code = 'orphan'"));
        Assert.Equal(nulled, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM dbo.attendance WHERE legacy_entry_date = date '1999-01-01' AND student_school_association_id IS NULL"));
        // A NOT NULL reference cannot be nulled: those orphans are still rejected.
        Assert.Equal(DistrictSchema.Orphans(300), await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.quarantine WHERE action = 'rejected' AND reason_code = 'orphan'"));
    }

    [Fact]
    public async Task Reviewed_mapping_changes_a_type_and_values_that_do_not_convert_are_quarantined()
    {
        await using var f = await MigrationFixture.CreateAsync("mapping", districts: 1, students: 400, batchSize: 100);
        var scaffold = Path.Combine(f.Directory, "scaffold");
        var config = f.Config();
        var context = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], CancellationToken.None);
        await Ferry.Engine.Scaffolding.Scaffolder.ScaffoldAsync(context, scaffold, apply: false, CancellationToken.None);
        var mappingPath = Path.Combine(scaffold, "mapping.yaml");
        var mapping = await File.ReadAllTextAsync(mappingPath);
        var column = "  - source: BirthDateText\n    target: birth_date_text\n    sourceType: character varying\n    targetType: varchar(20)";
        Assert.Contains(column, mapping);
        await File.WriteAllTextAsync(mappingPath, mapping.Replace(column, column.Replace("target: birth_date_text", "target: birth_date").Replace("targetType: varchar(20)", "targetType: date")));

        var reviewed = f.WriteConfig(f.Target, 100, extra: "mapping: scaffold/mapping.yaml", name: "reviewed.yaml");
        var reviewedConfig = f.Config(reviewed);
        await MigrationFixture.ScaffoldAsync(reviewedConfig, scaffold);
        var outcome = await MigrationFixture.RunAsync(reviewedConfig);

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal("date", await f.Target.ScalarAsync<string>("SELECT data_type FROM information_schema.columns WHERE table_name = 'legacy_import' AND column_name = 'birth_date'"));
        Assert.Equal(DistrictSchema.BadDates(400), await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.LegacyImport' AND reason_code = 'bad_value' AND row->>'BirthDateText' = 'n/a'"));
        Assert.Equal(200 - DistrictSchema.BadDates(400), await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM dbo.legacy_import WHERE birth_date > date '2009-01-01'"));
    }

    [Fact]
    public async Task Named_service_databases_receive_the_entities_routed_to_them()
    {
        await using var f = await MigrationFixture.CreateAsync("routing", districts: 1, students: 100, batchSize: 100);
        var attendanceDb = await f.NewTargetAsync("routing_att_");
        var config = await f.RoutedConfigAsync(attendanceDb);
        Assert.Equal(2, config.Targets.Count);
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var outcome = await MigrationFixture.RunAsync(config);

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal(200 - DistrictSchema.Orphans(100) - DistrictSchema.EnrollmentOrphans(100), await MigrationFixture.CountAsync(attendanceDb, "SELECT count(*) FROM dbo.attendance"));
        Assert.Equal(0, await MigrationFixture.CountAsync(attendanceDb, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'student'"));
        Assert.Equal(100, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM dbo.student"));
        // A reference into another database has no foreign key, but its uuid is the parent's all the same.
        Assert.Equal(0, await MigrationFixture.CountAsync(attendanceDb, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'dbo.attendance'::regclass AND conname LIKE '%student_id'"));
        var ids = await attendanceDb.ScalarAsync<string>("SELECT string_agg(DISTINCT student_id::text, ',' ORDER BY student_id::text) FROM dbo.attendance WHERE legacy_student_id <= 3");
        var parents = await f.Target.ScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY id::text) FROM dbo.student WHERE legacy_student_id <= 3");
        Assert.Equal(parents, ids);
        Assert.Equal(1, await MigrationFixture.CountAsync(attendanceDb, "SELECT count(*) FROM ferry.run WHERE state = 'completed'"));
    }
}
