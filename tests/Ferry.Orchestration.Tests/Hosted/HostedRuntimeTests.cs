using System.Text.Json;
using Ferry.Orchestration.Tests.Support;
using Xunit.Abstractions;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>
/// The orchestrations on the self-hosted durable host against real PostgreSQL and Azurite: dm serve and dm worker
/// as processes, driven over HTTP, killed with SIGKILL.
/// </summary>
public sealed class HostedRuntimeTests(ITestOutputHelper figures)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Killed_worker_then_killed_host_and_the_run_completes_with_parity_and_no_batch_committed_twice()
    {
        await using var m = await HostedMigration.CreateAsync("dkill_", districts: 2, students: 4000, batchSize: 1000);
        m.StartHost();
        var doomed = m.StartWorker();
        m.StartWorker();
        await m.WaitHealthyAsync();
        var id = await m.StartRunAsync(new { mode = "full" });

        // Mid-run: some work committed, the rest still to do.
        var until = DateTime.UtcNow + Patience;
        while (await m.ScalarAsync("SELECT count(*) FROM ferry.activity_event WHERE instance_id LIKE $1 AND activity = 'FerryExecuteWorkV1' AND outcome = 'completed'", id + "%") < 4)
        {
            Assert.True(DateTime.UtcNow < until, "no work item completed");
            await Task.Delay(200);
        }

        var doomedWorker = $"%:{doomed.Id}";
        var killedAt = await m.ScalarAsync("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint");
        doomed.KillHard();
        await Task.Delay(1500);
        var host = m.StartHost();
        host.KillHard();
        m.StartHost();

        var run = await m.WaitForAsync(id, Patience, "Completed", "Failed", "Terminated");
        Assert.Equal("Completed", run.GetProperty("runtimeStatus").GetString());
        var output = run.GetProperty("output");
        Assert.Equal("completed", output.GetProperty("State").GetString());
        Assert.All(output.GetProperty("Verifications").EnumerateArray(), v => Assert.True(v.GetProperty("HasParity").GetBoolean(), v.ToString()));
        Assert.Equal(2, output.GetProperty("Verifications").GetArrayLength());

        // Every batch committed once: as many done batches as planned, each with its rows, and an independent verify agrees.
        Assert.Equal(0, await m.ScalarAsync("SELECT count(*) FROM ferry.batch WHERE run_id = $1::uuid AND state <> 'done'", id));
        var (exit, verify) = await DmProcess.RunAsync(m.Environment, TimeSpan.FromMinutes(3), "verify", "--config", m.Config);
        Assert.True(exit == 0, verify);

        // What the killed worker had started and not finished was run again by another worker.
        var orphaned = await m.ScalarAsync(
            "SELECT count(*) FROM ferry.activity_event s WHERE s.instance_id LIKE $1 AND s.worker LIKE $2 AND s.outcome = 'started' AND s.work_item IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM ferry.activity_event c WHERE c.instance_id = s.instance_id AND c.work_item = s.work_item AND c.worker = s.worker AND c.outcome = 'completed')",
            id + "%", doomedWorker);
        var recovered = await m.ScalarAsync(
            "SELECT count(*) FROM ferry.activity_event s WHERE s.instance_id LIKE $1 AND s.worker LIKE $2 AND s.outcome = 'started' AND s.work_item IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM ferry.activity_event c WHERE c.instance_id = s.instance_id AND c.work_item = s.work_item AND c.worker = s.worker AND c.outcome = 'completed') " +
            "AND EXISTS (SELECT 1 FROM ferry.activity_event o WHERE o.instance_id = s.instance_id AND o.work_item = s.work_item AND o.worker <> s.worker AND o.outcome = 'completed')",
            id + "%", doomedWorker);
        Assert.Equal(orphaned, recovered);

        // How soon the killed worker's work resumed elsewhere (a figure for BENCHMARKS.md, not a bound: the machine is shared).
        var resumedAfter = await m.ScalarAsync(
            "SELECT coalesce((extract(epoch FROM min(o.at)) * 1000)::bigint - $3, -1) FROM ferry.activity_event s JOIN ferry.activity_event o " +
            "ON o.instance_id = s.instance_id AND o.work_item = s.work_item AND o.worker <> s.worker AND o.outcome = 'started' " +
            "WHERE s.instance_id LIKE $1 AND s.worker LIKE $2 AND s.outcome = 'started' AND s.work_item IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM ferry.activity_event c WHERE c.instance_id = s.instance_id AND c.work_item = s.work_item AND c.worker = s.worker AND c.outcome = 'completed')",
            id + "%", doomedWorker, killedAt);
        figures.WriteLine(orphaned == 0
            ? "the killed worker had no work item in flight"
            : $"{orphaned} work item(s) in flight in the killed worker; the first started again on another worker {resumedAfter / 1000.0:0.0} s after the kill");

        // Reports through their read-only links, and the history.
        var reports = await m.GetAsync($"api/runs/{id}/reports");
        var summary = reports.GetProperty("files").EnumerateArray().First(f => f.GetProperty("path").GetString()!.EndsWith("summary.html", StringComparison.Ordinal));
        var download = await m.DownloadAsync(summary.GetProperty("link").GetString()!);
        Assert.True(download.IsSuccessStatusCode, $"{(int)download.StatusCode}");
        Assert.Contains("<html", await download.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reports.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString()!.EndsWith(Activities.ActivityLogFile, StringComparison.Ordinal));
        var history = await m.GetAsync($"api/runs/{id}/history");
        Assert.True(history.GetProperty("events").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Terminated_run_started_again_resumes_from_what_is_committed_and_rolls_back_over_http()
    {
        await using var m = await HostedMigration.CreateAsync("dterm_", districts: 2, students: 3000, batchSize: 1000);
        m.StartHost();
        await m.WaitHealthyAsync();
        var first = await m.StartRunAsync(new { mode = "full" });
        var until = DateTime.UtcNow + Patience;
        while (await m.ScalarAsync("SELECT count(*) FROM ferry.batch WHERE run_id = $1::uuid AND state = 'done'", first) < 3)
        {
            Assert.True(DateTime.UtcNow < until, "no batch committed");
            await Task.Delay(200);
        }

        var terminate = await m.PostAsync($"api/runs/{first}/terminate?reason=test");
        Assert.True(terminate.IsSuccessStatusCode, await terminate.Content.ReadAsStringAsync());
        await m.WaitForAsync(first, Patience, "Terminated");
        var district = await m.WaitForAsync($"{first}:d001", TimeSpan.FromMinutes(1), "Terminated", "Completed");
        Assert.NotEqual("Running", district.GetProperty("runtimeStatus").GetString());
        var committed = await m.ScalarAsync("SELECT count(*) FROM ferry.batch WHERE run_id = $1::uuid AND state = 'done' AND bundle_no IS NULL", first);

        // Started again: refused while the terminated run's district leases live (they lapse within leases.ttl once no
        // worker renews them), then the engine resumes the unfinished run of the same scope; nothing committed runs again.
        var second = await m.StartRunWhenFreeAsync(new { mode = "full" }, TimeSpan.FromMinutes(3));
        var run = await m.WaitForAsync(second, Patience, "Completed", "Failed");
        var output = run.GetProperty("output");
        Assert.Equal("completed", output.GetProperty("State").GetString());
        Assert.Equal(first, output.GetProperty("RunId").GetString());
        Assert.True(await m.ScalarAsync("SELECT count(*) FROM dbo.school") > 0);
        var executed = await m.ScalarAsync(HostedBatchChainTests.CoveredBatches, second + "%");
        var total = await m.ScalarAsync("SELECT count(*) FROM ferry.batch WHERE run_id = $1::uuid AND bundle_no IS NULL", first);
        Assert.True(executed <= total - committed, $"executed {executed} of {total} batches after {committed} had committed");
        Assert.All(output.GetProperty("Verifications").EnumerateArray(), v => Assert.True(v.GetProperty("HasParity").GetBoolean(), v.ToString()));

        // Rollback of that run over HTTP: the tenants' rows go.
        var rollback = await m.PostAsync($"api/runs/{first}/rollback", new { });
        var text = await rollback.Content.ReadAsStringAsync();
        Assert.True((int)rollback.StatusCode == 202, text);
        var rollbackId = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        var undone = await m.WaitForAsync(rollbackId, Patience, "Completed", "Failed");
        Assert.Equal("completed", undone.GetProperty("output").GetProperty("State").GetString());
        Assert.True(await m.ScalarAsync("SELECT count(*) FROM dbo.school") == 0, "the schools loaded by the run are still there");
        Assert.True(await m.ScalarAsync("SELECT count(*) FROM dbo.staff") == 0, "the staff loaded by the run are still there");
    }
}
