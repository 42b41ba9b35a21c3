using static Ferry.IntegrationTests.Deltas.DeltaFixture;
using static Ferry.IntegrationTests.Rollback.TargetState;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>What a delta does with rows it cannot simply write: quarantined orphans, rows others changed, a legacy schema that moved.</summary>
public sealed class DeltaQuarantineAndConflictTests
{
    [Fact]
    public async Task Quarantined_orphan_loads_with_the_delta_that_brings_its_parent()
    {
        await using var f = await LoadedAsync("dorphan");
        // Attendance 50 names student 900050, which did not exist at the load.
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key = '50' AND reason_code = 'orphan'"));
        await f.Districts[0].ExecuteAsync("""INSERT INTO dbo."Student" ("StudentId", "LastSurname", "Active", "Id") VALUES (900050, 'Late arrival', true, md5('late')::uuid)""");

        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("1 quarantined row(s) loaded", delta.Stdout);
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance WHERE legacy_attendance_id = 50"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key = '50'"));
        Assert.Equal("loaded", await f.Target.ScalarAsync<string>("SELECT resolution FROM ferry.quarantine_resolution WHERE entity = 'dbo.Attendance' AND legacy_key = '50'"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);

        await DmAsync(f, 0, "rollback", "--config", f.ConfigPath, "--run", DeltaRunId(delta.Stdout));

        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance WHERE legacy_attendance_id = 50"));
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key = '50' AND reason_code = 'orphan'"));
    }

    [Fact]
    public async Task Target_row_changed_by_another_role_is_reported_as_a_conflict_and_not_overwritten()
    {
        await using var f = await LoadedAsync("dconflict");
        await f.Target.ExecuteAsync($"SET ROLE ferry_application; SET app.tenant_id = '{Tenant1}'; UPDATE dbo.student SET first_name = 'Changed by the service' WHERE legacy_student_id = 3; RESET ROLE");
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'Changed in legacy' WHERE "StudentId" IN (3, 4)""");

        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("1 conflict(s)", delta.Stdout);
        Assert.Equal("Changed by the service", await f.Target.ScalarAsync<string>("SELECT first_name FROM dbo.student WHERE legacy_student_id = 3"));
        Assert.Equal("Changed in legacy", await f.Target.ScalarAsync<string>("SELECT first_name FROM dbo.student WHERE legacy_student_id = 4"));
        Assert.Equal("ferry_application", await f.Target.ScalarAsync<string>("SELECT by_role FROM ferry.delta_conflict WHERE state = 'open' AND legacy_key = '3'"));
        Assert.Equal("Changed in legacy", await f.Target.ScalarAsync<string>("SELECT legacy_row->>'FirstName' FROM ferry.delta_conflict WHERE legacy_key = '3'"));
        Assert.Equal("Changed by the service", await f.Target.ScalarAsync<string>("SELECT target_row->>'first_name' FROM ferry.delta_conflict WHERE legacy_key = '3'"));
        var status = await DmAsync(f, 0, "status", "--config", f.ConfigPath);
        Assert.Contains("1 open conflict(s)", status.Stdout);
    }

    [Fact]
    public async Task Under_legacy_wins_the_legacy_row_overwrites_the_other_writer()
    {
        await using var f = await LoadedAsync("dwins", extra: "conflicts: legacy-wins");
        await f.Target.ExecuteAsync($"SET ROLE ferry_application; SET app.tenant_id = '{Tenant1}'; UPDATE dbo.student SET first_name = 'Changed by the service' WHERE legacy_student_id = 3; RESET ROLE");
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'Changed in legacy' WHERE "StudentId" = 3""");

        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Equal("Changed in legacy", await f.Target.ScalarAsync<string>("SELECT first_name FROM dbo.student WHERE legacy_student_id = 3"));
        Assert.Equal("legacy_won", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.delta_conflict WHERE legacy_key = '3'"));
    }

    [Fact]
    public async Task Legacy_column_added_since_the_load_stops_the_delta_naming_table_and_column()
    {
        await using var f = await LoadedAsync("dschema");
        await f.Districts[0].ExecuteAsync("""ALTER TABLE dbo."Student" ADD COLUMN "Nickname" text""");

        var delta = await DmAsync(f, 2, "delta", "--config", f.ConfigPath);

        Assert.Contains("dbo.Student.Nickname", delta.Stderr);
        Assert.Single(delta.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Delta_of_a_load_made_before_change_capture_is_refused_with_the_reload_path()
    {
        await using var f = await Engine.MigrationFixture.CreateAsync("dearly", districts: 1, students: 100, batchSize: 50);
        await Engine.MigrationFixture.ScaffoldAsync(f.Config(), Path.Combine(f.Directory, "scaffold"));
        var run = await DmAsync(f, 0, "run", "--config", f.ConfigPath);
        Assert.Contains("district d001: change capture is not enabled: deltas after this load will need a reload", run.Stdout);
        await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");

        var delta = await DmAsync(f, 2, "delta", "--config", f.ConfigPath);

        Assert.Contains("before change capture was enabled", delta.Stderr);
        Assert.Contains("--reload", delta.Stderr);
    }

    [Fact]
    public async Task Truncated_legacy_table_stops_the_delta_naming_the_table_and_the_reload()
    {
        await using var f = await LoadedAsync("dtrunc");
        await f.Districts[0].ExecuteAsync("""TRUNCATE dbo."Attendance" """);

        var delta = await DmAsync(f, 2, "delta", "--config", f.ConfigPath);

        Assert.Contains("table dbo.Attendance was truncated", delta.Stderr);
        Assert.Contains("--entity \"dbo.Attendance\" --reload", delta.Stderr);
    }
}
