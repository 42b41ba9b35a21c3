using Ferry.Engine.Running;
using Ferry.Engine.Verification;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Verification;

/// <summary>
/// Many differences at once, with small buckets and rounds so that the row-by-row comparison needs several rounds
/// and many buckets: counts stay exact, and verification works across two target databases.
/// </summary>
public sealed class LargeDifferenceTests
{
    private const string Tenant = "6a1f7c1e-0000-4000-8000-000000000002";

    [Fact]
    public async Task Differences_beyond_one_round_are_counted_exactly()
    {
        await using var f = await MigrationFixture.CreateAsync("manydiffs", districts: 2, students: 1000, batchSize: 300);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        await f.Target.ExecuteAsync(
            $"UPDATE dbo.attendance SET minutes = minutes + 1, day = day + 1 WHERE tenant_id = '{Tenant}' AND legacy_attendance_id % 10 = 1;" +
            $"DELETE FROM dbo.attendance WHERE tenant_id = '{Tenant}' AND legacy_attendance_id % 10 = 2;" +
            $"INSERT INTO dbo.attendance (tenant_id, id, student_id, legacy_student_id, legacy_school_id, legacy_entry_date, day, minutes, legacy_attendance_id) " +
            $"SELECT tenant_id, gen_random_uuid(), student_id, legacy_student_id, legacy_school_id, legacy_entry_date, day, minutes, legacy_attendance_id + 100000 " +
            $"FROM dbo.attendance WHERE tenant_id = '{Tenant}' AND legacy_attendance_id % 10 = 3");
        long Count(string where) => MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM dbo.attendance WHERE tenant_id = '{Tenant}' AND {where}").Result;
        var changed = Count("legacy_attendance_id % 10 = 1");
        var extra = Count("legacy_attendance_id > 100000");
        var missing = await MigrationFixture.CountAsync(f.Districts[1], "SELECT count(*) FROM dbo.\"Attendance\" WHERE \"AttendanceId\" % 10 = 2 AND \"AttendanceId\" % 50 <> 0 AND (\"AttendanceId\" % 60 <> 0)");

        var result = await Verification.RunAsync(config, ["dbo.Attendance"], samples: 5, new VerifyOptions { RowsPerBucket = 16, RowsPerRound = 100 });

        var attendance = result.Entity("d002", "dbo.Attendance");
        Assert.Equal((missing, extra, changed), (attendance.Missing, attendance.Extra, attendance.Changed));
        Assert.True(attendance.BucketsDiffering > 50, $"{attendance.BucketsDiffering} of {attendance.Buckets}");
        Assert.All(attendance.Samples.Where(s => s.Kind == Core.Reconciliation.DifferenceKind.Changed), s => Assert.Equal(["Day", "Minutes"], s.Columns));
        // Values are kept for the rows that end up sampled, however many changed rows were found before them.
        Assert.Contains(attendance.Samples, s => s.Kind == Core.Reconciliation.DifferenceKind.Changed);
        Assert.All(attendance.Samples.Where(s => s.Kind == Core.Reconciliation.DifferenceKind.Changed), s =>
        {
            Assert.Equal(["Day", "Minutes"], s.Values.Select(v => v.Column));
            var minutes = s.Values[1];
            Assert.Equal(long.Parse(minutes.Legacy!, System.Globalization.CultureInfo.InvariantCulture) + 1, long.Parse(minutes.Target!, System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.True(result.Entity("d001", "dbo.Attendance").HasParity);
    }

    [Fact]
    public async Task An_entity_never_loaded_is_all_missing()
    {
        await using var f = await MigrationFixture.CreateAsync("neverloaded", districts: 1, students: 200, batchSize: 100);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config, entities: ["dbo.School", "dbo.Staff"])).Exit);

        var result = await Verification.RunAsync(config, ["dbo.School", "dbo.Staff", "dbo.AttendanceEvent"], samples: 2);

        var events = result.Entity("d001", "dbo.AttendanceEvent");
        Assert.Equal("never loaded", events.Note);
        Assert.Equal((204L, 0L, 0L), (events.SourceRows, events.TargetRows, events.Quarantined));
        Assert.Equal(204, events.Missing);
        Assert.Equal(["(a key column is NULL or unreadable)", "100|2021-02-01|TARDY"], events.Samples.Select(s => s.Key));
        Assert.True(result.Entity("d001", "dbo.School").HasParity);
    }

    [Fact]
    public async Task Entities_routed_to_two_target_databases_verify_and_store_their_results_where_they_live()
    {
        await using var f = await MigrationFixture.CreateAsync("verifyrouted", districts: 1, students: 150, batchSize: 100);
        var attendanceDb = await f.NewTargetAsync("verifyrouted_att_");
        var config = await f.RoutedConfigAsync(attendanceDb);
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);

        var result = await Verification.RunAsync(config);

        Assert.True(result.HasParity, string.Join("; ", result.Entities.Where(e => !e.HasParity).Select(e => $"{e.Entity} {string.Join(",", e.Samples)}")));
        Assert.Equal(2, await MigrationFixture.CountAsync(attendanceDb, "SELECT count(*) FROM ferry.verify_entity"));
        Assert.Equal(5, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.verify_entity"));
        Assert.Equal(1, await MigrationFixture.CountAsync(attendanceDb, "SELECT count(*) FROM ferry.verify WHERE parity"));
    }
}
