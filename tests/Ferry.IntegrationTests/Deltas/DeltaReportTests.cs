using System.Text.Json;
using Ferry.IntegrationTests.Reports;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;
using static Ferry.IntegrationTests.Rollback.TargetState;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>
/// The audit outputs of the transition: a load's report says whether deltas can follow and from where; a delta's
/// report.json and summary page list per district and entity what it changed, quarantined, resolved and found in
/// conflict, with the positions it covered; cut-over and purge appear in the reports written after them and in
/// <c>dm status</c> (text and JSON). Every document is validated against its schema in docs/schemas.
/// </summary>
public sealed class DeltaReportTests
{
    private const string Reports = "reports:\n  directory: reports";

    [Fact]
    public async Task Delta_report_lists_changes_quarantine_resolutions_and_conflicts_per_entity_with_positions()
    {
        await using var f = await LoadedAsync("dreport", extra: Reports);
        var load = await LatestRunAsync(f.Target, "run");
        using (var loadReport = ReportJson(f.Directory, load))
        {
            var capture = loadReport.RootElement.GetProperty("changeCapture").EnumerateArray().Single();
            Assert.Equal("d001", capture.GetProperty("district").GetString());
            Assert.True(capture.GetProperty("deltasEnabled").GetBoolean());
            Assert.Equal(
                await f.Target.ScalarAsync<string>("SELECT min(change_position::bigint)::text FROM ferry.load"),
                capture.GetProperty("startPosition").GetString());
        }

        await f.Target.ExecuteAsync($"SET ROLE ferry_application; SET app.tenant_id = '{Tenant1}'; UPDATE dbo.student SET first_name = 'Changed by the service' WHERE legacy_student_id = 3; RESET ROLE");
        await f.Districts[0].ExecuteAsync("""
            INSERT INTO dbo."Student" ("StudentId", "LastSurname", "Active", "Id") VALUES (1001, 'New', true, md5('new')::uuid);
            UPDATE dbo."Student" SET "FirstName" = 'Changed in legacy' WHERE "StudentId" IN (3, 4);
            DELETE FROM dbo."StudentSchoolAssociation" WHERE "StudentId" = 11;
            DELETE FROM dbo."Student" WHERE "StudentId" = 11;
            """);

        var first = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        var firstId = Guid.Parse(DeltaRunId(first.Stdout));
        await f.Districts[0].ExecuteAsync("""
            INSERT INTO dbo."Student" ("StudentId", "FirstName", "LastSurname", "Active", "Id") VALUES (11, 'Back', 'Again', true, md5('back')::uuid);
            INSERT INTO dbo."StudentSchoolAssociation" VALUES (11, 4, date '2020-08-21', NULL);
            """);
        var second = await DmAsync(f, 0, "delta", "--config", f.ConfigPath);
        var secondId = Guid.Parse(DeltaRunId(second.Stdout));

        Assert.Contains($"report: {Path.Combine(f.Directory, "reports", "runs", firstId.ToString(), "summary.html")}", first.Stdout);
        using var report = ReportJson(f.Directory, firstId);
        Assert.Equal("delta", report.RootElement.GetProperty("runKind").GetString());
        var delta = report.RootElement.GetProperty("deltas").EnumerateArray().Single();
        Assert.Equal("d001", delta.GetProperty("district").GetString());
        var applied = await f.Target.ScalarAsync<string>($"SELECT from_position || '..' || to_position FROM ferry.delta_applied WHERE run_id = '{firstId}'");
        Assert.Equal(applied, delta.GetProperty("from").GetString() + ".." + delta.GetProperty("to").GetString());
        var student = Entity(delta, "dbo.Student");
        Assert.Equal((1, 1, 1, 1, 0), (Long(student, "inserted"), Long(student, "updated"), Long(student, "deleted"), Long(student, "conflictsOpen"), Long(student, "conflictsLegacyWon")));
        var attendance = Entity(delta, "dbo.Attendance");
        Assert.Equal((2, 2), (Long(attendance, "deleted"), Long(attendance, "quarantined")));
        Assert.Equal(1, Long(delta, "conflicts"));

        using var back = ReportJson(f.Directory, secondId);
        var resolved = Entity(back.RootElement.GetProperty("deltas").EnumerateArray().Single(), "dbo.Attendance");
        Assert.Equal((2, 2), (Long(resolved, "resolved"), Long(resolved, "inserted")));

        var html = await File.ReadAllTextAsync(Path.Combine(f.Directory, "reports", "runs", firstId.ToString(), "summary.html"));
        Assert.Contains("data-delta-district=\"d001\"", html);
        Assert.Contains("<tr data-entity=\"dbo.Attendance\"><td class=\"entity\">dbo.Attendance</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">2</td><td class=\"num\">2</td>", html);
        Assert.Contains("Delta <span class=\"mono\"", html);
    }

    [Fact]
    public async Task Cutover_and_purge_appear_in_the_reports_written_after_them_and_in_status()
    {
        await using var f = await LoadedAsync("dreportcut", extra: Reports);
        await f.Districts[0].ExecuteAsync("""UPDATE dbo."Student" SET "FirstName" = 'Final' WHERE "StudentId" = 9""");
        var cut = await DmAsync(f, 0, "cutover", "--config", f.ConfigPath, "--district", "d001");
        var finalRun = await f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.cutover");
        var position = await f.Target.ScalarAsync<string>("SELECT position FROM ferry.cutover");

        using (var report = ReportJson(f.Directory, finalRun))
        {
            var cutOver = report.RootElement.GetProperty("cutOvers").EnumerateArray().Single();
            Assert.Equal(("d001", position, finalRun), (cutOver.GetProperty("district").GetString(), cutOver.GetProperty("position").GetString(), cutOver.GetProperty("runId").GetGuid()));
            Assert.Empty(report.RootElement.GetProperty("purges").EnumerateArray());
        }

        Assert.Contains("report: ", cut.Stdout);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await DmAsync(f, 0, "purge", "--config", f.ConfigPath, "--district", "d001", "--before", tomorrow);
        var load = await LatestRunAsync(f.Target, "run");
        await DmAsync(f, 0, "reports", "--config", f.ConfigPath, "--run", load.ToString(), "--rewrite");

        using (var report = ReportJson(f.Directory, load))
        {
            Assert.Equal(position, report.RootElement.GetProperty("cutOvers").EnumerateArray().Single().GetProperty("position").GetString());
            var purge = report.RootElement.GetProperty("purges").EnumerateArray().Single();
            Assert.Equal("d001", purge.GetProperty("district").GetString());
            Assert.Equal(
                await f.Target.ScalarAsync<long>("SELECT (summary->'Kinds'->'before_image'->>'Rows')::bigint FROM ferry.purge"),
                purge.GetProperty("summary").GetProperty("Kinds").GetProperty("before_image").GetProperty("Rows").GetInt64());
        }

        var html = await File.ReadAllTextAsync(Path.Combine(f.Directory, "reports", "runs", load.ToString(), "summary.html"));
        Assert.Contains($"with change position {position}", html);
        Assert.Contains("data-purge-district=\"d001\"", html);

        var status = await DmAsync(f, 0, "status", "--config", f.ConfigPath, "--json");
        DocumentSchemas.AssertValid("status", status.Stdout);
        using var json = JsonDocument.Parse(status.Stdout);
        var district = json.RootElement.GetProperty("deltas").EnumerateArray().Single();
        Assert.Equal(position, district.GetProperty("cutOver").GetProperty("position").GetString());
        Assert.Single(district.GetProperty("purges").EnumerateArray());
        Assert.Equal(position, district.GetProperty("position").GetString());
        var text = await DmAsync(f, 0, "status", "--config", f.ConfigPath);
        Assert.Contains($"at change position {position}", text.Stdout);
        Assert.Contains("purge d001: at ", text.Stdout);
    }

    private static JsonDocument ReportJson(string directory, Guid id)
    {
        var text = File.ReadAllText(Path.Combine(directory, "reports", "runs", id.ToString(), "report.json"));
        DocumentSchemas.AssertValid("report", text);
        return JsonDocument.Parse(text);
    }

    private static Task<Guid> LatestRunAsync(Ferry.IntegrationTests.Support.TestDatabase target, string kind) =>
        target.ScalarAsync<Guid>($"SELECT run_id FROM ferry.run WHERE kind = '{kind}' ORDER BY started_at DESC LIMIT 1");

    private static JsonElement Entity(JsonElement delta, string entity) =>
        delta.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("entity").GetString() == entity);

    private static long Long(JsonElement e, string name) => e.GetProperty(name).GetInt64();
}
