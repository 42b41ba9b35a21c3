using Ferry.Engine.Running;

namespace Ferry.IntegrationTests.Engine;

/// <summary>One full load of two colliding districts, examined from every side.</summary>
public sealed class FullLoadTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private RunOutcome _outcome = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("fullload", districts: 2, students: 300, batchSize: 70);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        _outcome = await MigrationFixture.RunAsync(config);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private Task<long> Target(string sql) => MigrationFixture.CountAsync(_f.Target, sql);

    [Fact]
    public async Task Validated_source_foreign_keys_are_enforced_so_no_orphan_search_runs_for_them()
    {
        var schema = await MigrationContext.IntrospectAsync(_f.Config().Districts[0], CancellationToken.None);
        var ssa = schema.Find(Ferry.Core.Model.TableName.Parse("dbo.StudentSchoolAssociation"))!;
        Assert.Equal(2, ssa.ForeignKeys.Count);
        Assert.All(ssa.ForeignKeys, fk => Assert.True(fk.Enforced));
    }

    [Fact]
    public void Run_completes()
    {
        Assert.Null(_outcome.Message);
        Assert.Equal(RunExit.Completed, _outcome.Exit);
    }

    [Fact]
    public async Task Every_source_row_is_in_the_target_or_in_quarantine()
    {
        var targets = new Dictionary<string, string>
        {
            ["dbo.School"] = "dbo.school",
            ["dbo.Staff"] = "dbo.staff",
            ["dbo.Student"] = "dbo.student",
            ["dbo.StudentSchoolAssociation"] = "dbo.student_school_association",
            ["dbo.Attendance"] = "dbo.attendance",
            ["dbo.AttendanceEvent"] = "dbo.attendance_event",
            ["dbo.LegacyImport"] = "dbo.legacy_import",
        };
        for (var d = 1; d <= 2; d++)
        {
            var tenant = $"6a1f7c1e-0000-4000-8000-{d:D12}";
            foreach (var (entity, expected) in DistrictSchema.Counts(_f.StudentsOf(d)))
            {
                var source = await MigrationFixture.CountAsync(_f.Districts[d - 1], $"SELECT count(*) FROM {Quote(entity)}");
                Assert.Equal(expected, source);
                var loaded = await Target($"SELECT count(*) FROM {targets[entity]} WHERE tenant_id = '{tenant}'");
                var quarantined = await Target($"SELECT count(*) FROM ferry.quarantine WHERE tenant_id = '{tenant}' AND entity = '{entity}' AND action = 'rejected'");
                Assert.True(source == loaded + quarantined, $"d{d} {entity}: source {source} != target {loaded} + quarantine {quarantined}");
            }
        }
    }

    private static string Quote(string entity) => string.Join('.', entity.Split('.').Select(p => $"\"{p}\""));

    [Fact]
    public async Task Orphans_are_quarantined_with_the_original_row_and_reason()
    {
        var orphans = await Target("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND reason_code = 'orphan' AND action = 'rejected'");
        Assert.Equal(
            DistrictSchema.Orphans(_f.StudentsOf(1)) + DistrictSchema.Orphans(_f.StudentsOf(2)) + DistrictSchema.EnrollmentOrphans(_f.StudentsOf(1)) + DistrictSchema.EnrollmentOrphans(_f.StudentsOf(2)),
            orphans);
        var students = await Target("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND (row->>'StudentId')::int >= 900000 AND reason LIKE 'dbo.Student(StudentId) = % does not exist'");
        Assert.Equal(DistrictSchema.Orphans(_f.StudentsOf(1)) + DistrictSchema.Orphans(_f.StudentsOf(2)), students);
        var enrollments = await Target("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND row->>'EntryDate' = '1999-01-01' AND column_name = 'StudentId,SchoolId,EntryDate'");
        Assert.Equal(DistrictSchema.EnrollmentOrphans(_f.StudentsOf(1)) + DistrictSchema.EnrollmentOrphans(_f.StudentsOf(2)), enrollments);
    }

    [Fact]
    public async Task Keyless_table_quarantines_duplicates_and_null_keys()
    {
        Assert.Equal(4, await Target("SELECT count(*) FROM ferry.quarantine WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND entity = 'dbo.AttendanceEvent'"));
        Assert.Equal(2, await Target("SELECT count(*) FROM ferry.quarantine WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND reason_code = 'duplicate_key'"));
        Assert.Equal(2, await Target("SELECT count(*) FROM ferry.quarantine WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND reason_code = 'null_key'"));
    }

    [Fact]
    public async Task Colliding_legacy_ids_stay_apart_by_tenant()
    {
        Assert.Equal(2, await Target("SELECT count(DISTINCT tenant_id) FROM dbo.student WHERE legacy_student_id = 1"));
        Assert.Equal(2, await Target("SELECT count(DISTINCT id) FROM dbo.student WHERE legacy_student_id = 1"));
    }

    [Fact]
    public async Task Every_foreign_key_is_valid_when_the_run_ends()
    {
        var invalid = await Target("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated");
        var total = await Target("SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'f' AND n.nspname = 'dbo'");
        Assert.Equal(0, invalid);
        Assert.Equal(7, total);
        Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_constraint"));
        Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_index"));
    }

    [Fact]
    public async Task A_reference_cannot_cross_tenants()
    {
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _f.Target.ExecuteAsync(
            "INSERT INTO dbo.student_school_association (tenant_id, id, student_id, school_id, legacy_student_id, legacy_school_id, legacy_entry_date) " +
            "SELECT '6a1f7c1e-0000-4000-8000-000000000001', gen_random_uuid(), s.id, sc.id, 1, 1, date '2030-01-01' " +
            "FROM dbo.student s, dbo.school sc WHERE s.tenant_id = '6a1f7c1e-0000-4000-8000-000000000002' AND sc.tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' LIMIT 1"));
        Assert.Equal("23503", error.SqlState);
    }

    [Fact]
    public async Task Cycle_and_self_reference_point_at_the_right_rows()
    {
        Assert.Equal(0, await Target(
            "SELECT count(*) FROM dbo.school sc JOIN dbo.staff st ON st.tenant_id = sc.tenant_id AND st.id = sc.principal_staff_id WHERE st.legacy_staff_id <> sc.legacy_principal_staff_id"));
        Assert.Equal(8, await Target("SELECT count(*) FROM dbo.school WHERE principal_staff_id IS NOT NULL"));
        Assert.Equal(16, await Target("SELECT count(*) FROM dbo.staff s JOIN dbo.staff boss ON boss.tenant_id = s.tenant_id AND boss.id = s.supervisor_staff_id WHERE boss.legacy_staff_id = s.legacy_supervisor_staff_id"));
    }

    [Fact]
    public async Task Text_and_binary_values_arrive_intact()
    {
        Assert.Equal(1, await Target("SELECT count(*) FROM dbo.student WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND legacy_student_id = 33 AND notes = 'likes 😀 and ü'"));
        Assert.Equal(1, await Target("SELECT count(*) FROM dbo.student WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND legacy_student_id = 34 AND notes = ''"));
        Assert.Equal(1, await Target("SELECT count(*) FROM dbo.student WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND legacy_student_id = 25 AND photo = decode(repeat('ff00', 64), 'hex')"));
        Assert.Equal(3, await Target("SELECT count(*) FROM dbo.student WHERE tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND birth_date = date '1900-01-01'"));
    }

    [Fact]
    public async Task Id_map_view_resolves_uuid_back_to_the_legacy_key()
    {
        Assert.Equal(1, await Target(
            "SELECT count(*) FROM ferry.id_map m JOIN dbo.student s ON s.id = m.id AND s.tenant_id = m.tenant_id " +
            "WHERE m.entity = 'dbo.Student' AND m.legacy_key = '[7]'::jsonb AND s.tenant_id = '6a1f7c1e-0000-4000-8000-000000000001' AND m.run_id = (SELECT run_id FROM ferry.run)"));
    }

    [Fact]
    public async Task Every_batch_is_checkpointed_done()
    {
        Assert.Equal(0, await Target("SELECT count(*) FROM ferry.batch WHERE state <> 'done'"));
        Assert.Equal(14, await Target("SELECT count(*) FROM ferry.load WHERE state = 'loaded'"));
        Assert.Equal(1, await Target("SELECT count(*) FROM ferry.run WHERE state = 'completed'"));
    }

    [Fact]
    public async Task Row_level_security_isolates_tenants_for_application_roles()
    {
        await _f.Target.ExecuteAsync("DO $$ BEGIN CREATE ROLE ferry_it_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; GRANT USAGE ON SCHEMA dbo TO ferry_it_app; GRANT SELECT ON ALL TABLES IN SCHEMA dbo TO ferry_it_app;");
        await using var conn = new Npgsql.NpgsqlConnection(_f.Target.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var role = new Npgsql.NpgsqlCommand("SET LOCAL ROLE ferry_it_app; SET LOCAL app.tenant_id = '6a1f7c1e-0000-4000-8000-000000000002'", conn, tx))
        {
            await role.ExecuteNonQueryAsync();
        }

        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*), count(*) FILTER (WHERE tenant_id <> '6a1f7c1e-0000-4000-8000-000000000002') FROM dbo.student", conn, tx);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(_f.StudentsOf(2), reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(1));
    }
}
