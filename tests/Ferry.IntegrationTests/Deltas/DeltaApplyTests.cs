using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>A delta after the full load: every kind of legacy change arrives, in FK-safe order, idempotently, and can be rolled back.</summary>
public sealed class DeltaApplyTests
{
    // New parent with new children (a school, its staff, a cycle through its principal); a child and its parent deleted;
    // a row moved to another parent; a self-reference and a cyclic reference updated; a row of the keyless table updated
    // and one deleted; a text key whose trailing spaces changed.
    private const string Changes = """
        INSERT INTO dbo."School" ("SchoolId", "Name", "PrincipalStaffId", "Budget", "OpenedOn") VALUES (5, 'New school', NULL, 10.5, date '2024-09-01');
        INSERT INTO dbo."Staff" ("StaffId", "SchoolId", "SupervisorStaffId", "LastName", "HiredAt") VALUES (13, 5, NULL, 'New principal', timestamp '2024-08-01 08:00'), (14, 5, 13, 'New teacher', NULL);
        UPDATE dbo."School" SET "PrincipalStaffId" = 13 WHERE "SchoolId" = 5;
        INSERT INTO dbo."Student" ("StudentId", "FirstName", "LastSurname", "BirthDate", "Active", "Id") VALUES (1001, 'New', 'Student', date '2015-05-05', true, md5('new')::uuid);
        INSERT INTO dbo."StudentSchoolAssociation" VALUES (1001, 5, date '2024-09-02', NULL);
        DELETE FROM dbo."Attendance" WHERE "StudentId" = 7;
        DELETE FROM dbo."StudentSchoolAssociation" WHERE "StudentId" = 7;
        DELETE FROM dbo."AttendanceEvent" WHERE "StudentId" = 7;
        DELETE FROM dbo."Student" WHERE "StudentId" = 7;
        UPDATE dbo."Staff" SET "SchoolId" = 2 WHERE "StaffId" = 1;
        UPDATE dbo."Staff" SET "SupervisorStaffId" = 14 WHERE "StaffId" = 2;
        UPDATE dbo."School" SET "PrincipalStaffId" = 14 WHERE "SchoolId" = 1;
        UPDATE dbo."AttendanceEvent" SET "Note" = 'changed' WHERE "StudentId" = 5;
        DELETE FROM dbo."AttendanceEvent" WHERE "StudentId" = 6;
        UPDATE dbo."AttendanceEvent" SET "Code" = 'TARDY   ' WHERE "StudentId" = 8;
        """;

    [Fact]
    public async Task Delta_applies_inserts_updates_and_deletes_in_fk_safe_order_and_verify_shows_parity()
    {
        await using var f = await LoadedAsync("dapply");
        await f.Districts[0].ExecuteAsync(Changes);

        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("district d001", delta.Stdout);
        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.student WHERE legacy_student_id = 7"));
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM dbo.school s JOIN dbo.staff p ON p.tenant_id = s.tenant_id AND p.id = s.principal_staff_id WHERE s.legacy_school_id = 5 AND p.legacy_staff_id = 13"));
        Assert.Equal("TARDY   ", await f.Target.ScalarAsync<string>("SELECT legacy_code FROM dbo.attendance_event WHERE legacy_student_id = 8"));
    }

    [Fact]
    public async Task Delta_run_twice_applies_nothing_the_second_time()
    {
        await using var f = await LoadedAsync("dtwice");
        await f.Districts[0].ExecuteAsync(Changes);
        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        var before = await TargetRowsAsync(f.Target);

        var second = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        Assert.Contains("0 row(s) written, 0 deleted", second.Stdout);
        Assert.Equal(before, await TargetRowsAsync(f.Target));
    }

    [Fact]
    public async Task Rollback_of_a_delta_restores_its_before_images_exactly()
    {
        await using var f = await LoadedAsync("drollback");
        var loaded = await TargetRowsAsync(f.Target);
        await f.Districts[0].ExecuteAsync(Changes);
        var delta = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        var runId = DeltaRunId(delta.Stdout);
        Assert.NotEqual(loaded, await TargetRowsAsync(f.Target));

        await DmAsync(f, 0, "rollback", "--config", f.ConfigPath, "--run", runId);

        Assert.Equal(loaded, await TargetRowsAsync(f.Target));
    }
}
