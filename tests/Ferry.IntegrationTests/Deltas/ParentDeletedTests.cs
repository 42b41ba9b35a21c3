using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>
/// A legacy parent deleted while rows referencing it stay unchanged (the legacy system never declared the reference):
/// the delta quarantines those rows as orphans, takes them out of the target, deletes the parent, and loads them again
/// once the parent comes back. Removing a row removes its own children the same way.
/// </summary>
public sealed class ParentDeletedTests
{
    // Student 11's enrollment and the student go; its attendance rows (11 and 211) are left as they were.
    private const string DeleteStudent = """
        DELETE FROM dbo."StudentSchoolAssociation" WHERE "StudentId" = 11;
        DELETE FROM dbo."Student" WHERE "StudentId" = 11;
        """;

    private const string RestoreStudent = """
        INSERT INTO dbo."Student" ("StudentId", "FirstName", "LastSurname", "Active", "Id") VALUES (11, 'Back', 'Again', true, md5('back')::uuid);
        INSERT INTO dbo."StudentSchoolAssociation" VALUES (11, 4, date '2020-08-21', NULL);
        """;

    // A note per attendance row, with a declared reference: a grandchild of the student.
    private const string Notes = """
        CREATE TABLE dbo."AttendanceNote" (
            "NoteId" integer PRIMARY KEY,
            "AttendanceId" bigint NOT NULL REFERENCES dbo."Attendance" ("AttendanceId"),
            "Text" text);
        INSERT INTO dbo."AttendanceNote" SELECT a, a, 'note ' || a FROM generate_series(1, 20) a;
        """;

    [Fact]
    public async Task Children_left_by_a_deleted_parent_are_quarantined_as_orphans_and_the_delta_succeeds()
    {
        await using var f = await LoadedAsync("dparentdel");
        Assert.Equal(2, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance WHERE legacy_attendance_id IN (11, 211)"));
        await f.Districts[0].ExecuteAsync(DeleteStudent);

        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("2 quarantined", delta.Stdout);
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.student WHERE legacy_student_id = 11"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance WHERE legacy_attendance_id IN (11, 211)"));
        Assert.Equal(2, await f.Target.ScalarAsync<long>(
            "SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key IN ('11', '211') AND reason_code = 'orphan' AND action = 'rejected'"));
        Assert.Equal(11, await f.Target.ScalarAsync<int>("SELECT (row->>'StudentId')::int FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key = '211'"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
    }

    [Fact]
    public async Task Orphans_of_a_deleted_parent_load_again_when_the_parent_reappears()
    {
        await using var f = await LoadedAsync("dparentback");
        await f.Districts[0].ExecuteAsync(DeleteStudent);
        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        await f.Districts[0].ExecuteAsync(RestoreStudent);

        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("2 quarantined row(s) loaded", delta.Stdout);
        Assert.Equal(2, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance WHERE legacy_attendance_id IN (11, 211)"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key IN ('11', '211')"));
        Assert.Equal(2, await f.Target.ScalarAsync<long>(
            "SELECT count(*) FROM ferry.quarantine_resolution WHERE entity = 'dbo.Attendance' AND legacy_key IN ('11', '211') AND resolution = 'loaded'"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
    }

    [Fact]
    public async Task Grandchildren_follow_their_parent_into_the_quarantine_and_back()
    {
        await using var f = await MigrationFixture.CreateAsync("dgrandchild", districts: 1, students: 200, batchSize: 50);
        await f.Districts[0].ExecuteAsync(Notes);
        await MigrationFixture.ScaffoldAsync(f.Config(), Path.Combine(f.Directory, "scaffold"));
        await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");
        await DmAsync(f, 0, "run", "--config", f.ConfigPath);
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance_note WHERE legacy_note_id = 11"));
        await f.Districts[0].ExecuteAsync(DeleteStudent);

        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance_note WHERE legacy_note_id = 11"));
        Assert.Equal(1, await f.Target.ScalarAsync<long>(
            "SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.AttendanceNote' AND legacy_key = '11' AND reason_code = 'orphan' AND action = 'rejected'"));
        Assert.Equal(19, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance_note"));

        await f.Districts[0].ExecuteAsync(RestoreStudent);
        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.attendance_note WHERE legacy_note_id = 11"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity IN ('dbo.Attendance', 'dbo.AttendanceNote')"
            + " AND legacy_key IN ('11', '211')"));
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
    }

    [Fact]
    public async Task Rollback_of_a_delta_that_removed_orphans_puts_them_back()
    {
        await using var f = await LoadedAsync("dparentrb");
        var loaded = await TargetRowsAsync(f.Target);
        await f.Districts[0].ExecuteAsync(DeleteStudent);
        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        await DmAsync(f, 0, "rollback", "--config", f.ConfigPath, "--run", DeltaRunId(delta.Stdout));

        Assert.Equal(loaded, await TargetRowsAsync(f.Target));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND legacy_key IN ('11', '211')"));
    }
}
