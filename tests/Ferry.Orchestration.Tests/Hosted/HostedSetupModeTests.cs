using System.Text.Json;
using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>
/// The setup modes on the self-hosted durable host against real PostgreSQL and Azurite, started over HTTP:
/// <c>scaffold</c> (what <c>dm scaffold --apply</c> does) and <c>validate</c> (what <c>dm validate</c> does).
/// </summary>
public sealed class HostedSetupModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Scaffold_over_http_creates_a_missing_target_table_and_leaves_its_ddl_in_the_reports()
    {
        await using var m = await HostedMigration.CreateAsync("dscaf_", districts: 1, students: 100, batchSize: 1000);
        await m.ScalarAsync("DROP TABLE dbo.student_note CASCADE");
        m.StartHost();
        await m.WaitHealthyAsync();

        var id = await m.StartRunAsync(new { mode = "scaffold" });
        var run = await m.WaitForAsync(id, Patience, "Completed", "Failed", "Terminated");

        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        var output = run.GetProperty("output");
        Assert.Equal("completed", output.GetProperty("State").GetString());
        var scaffold = output.GetProperty("Scaffold");
        Assert.Equal("d001", scaffold.GetProperty("District").GetString());
        Assert.NotEmpty(scaffold.GetProperty("Applied").EnumerateArray());
        Assert.Equal(1, await m.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'dbo' AND table_name = 'student_note'"));
        Assert.Contains(output.GetProperty("Messages").EnumerateArray(), l => l.GetString()!.StartsWith("applied to target ", StringComparison.Ordinal));

        // The DDL and the mapping it applied, for review, beside the run's other reports.
        var reports = await m.GetAsync($"api/runs/{id}/reports");
        var files = reports.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        Assert.Contains(files, f => f.EndsWith("/scaffold/mapping.yaml", StringComparison.Ordinal));
        var ddl = reports.GetProperty("files").EnumerateArray().First(f => f.GetProperty("path").GetString()!.EndsWith(".sql", StringComparison.Ordinal));
        var download = await m.DownloadAsync(ddl.GetProperty("link").GetString()!);
        Assert.Contains("student_note", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var history = await m.GetAsync($"api/runs/{id}/history");
        Assert.Contains(history.GetProperty("activities").EnumerateArray(), a =>
            a.GetProperty("activity").GetString() == OrchestrationNames.Scaffold && a.GetProperty("outcome").GetString() == "completed");
    }

    [Fact]
    public async Task Validate_over_http_names_each_problem_then_reports_ready_once_the_target_is_fixed()
    {
        await using var m = await HostedMigration.CreateAsync("dvalid_", districts: 1, students: 100, batchSize: 1000);
        await m.ScalarAsync("DROP TABLE dbo.student_note CASCADE");
        m.StartHost();
        await m.WaitHealthyAsync();

        var first = await m.StartRunAsync(new { mode = "validate" });
        var notReady = await m.WaitForAsync(first, Patience, "Completed", "Failed", "Terminated");
        Assert.Equal("Completed", notReady.GetProperty("runtimeStatus").GetString());
        var output = notReady.GetProperty("output");
        Assert.Equal("failed", output.GetProperty("State").GetString());
        Assert.False(output.GetProperty("Validation").GetProperty("Ready").GetBoolean());
        var lines = Lines(output);
        Assert.Contains(lines, l => l.Contains("student_note", StringComparison.Ordinal));
        Assert.StartsWith("not ready: ", lines[^1], StringComparison.Ordinal);
        Assert.Equal(lines[^1], output.GetProperty("Failure").GetString());
        Assert.Equal("not ready", notReady.GetProperty("customStatus").GetProperty("phase").GetString());

        await m.DmAsync("scaffold", "--config", m.Config, "--apply");
        var second = await m.StartRunAsync(new { mode = "validate" });
        var ready = await m.WaitForAsync(second, Patience, "Completed", "Failed", "Terminated");
        var again = ready.GetProperty("output");
        Assert.True(again.GetProperty("Validation").GetProperty("Ready").GetBoolean(), again.ToString());
        Assert.Equal("completed", again.GetProperty("State").GetString());
        Assert.StartsWith("ready: 1 district(s)", Lines(again)[^1], StringComparison.Ordinal);
    }

    private static List<string> Lines(JsonElement output) => output.GetProperty("Messages").EnumerateArray().Select(l => l.GetString()!).ToList();
}
