using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Faults;

/// <summary>
/// Leases instead of a session lock: a killed holder blocks nobody past its lease, one writer per district, two
/// processes of one run share its work, and a holder paused past its lease cannot commit and recovers.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class LeaseTests
{
    private const int Students = 4000;
    private const string Leases = "leases: { ttl: 3s }\nretries: { attempts: 5, baseDelay: 200ms, maxDelay: 1s }";

    [Fact]
    public async Task A_killed_run_holds_its_district_only_until_its_lease_expires_and_resumes_to_parity()
    {
        await using var f = await MigrationFixture.CreateAsync("lease_kill", districts: 1, students: Students, batchSize: 40, extra: "leases: { ttl: 15s }");
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);
        using (var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2"))
        {
            FaultRun.WaitForBatches(f.Target, run, 10);
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }

        var killed = await f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run");

        // Another operation on the district is refused while the killed run's lease lives...
        var other = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath, "--entity", "dbo.School");
        Assert.Equal(2, other.ExitCode);
        var line = Assert.Single(other.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"district d001 is held by run {killed}", line);

        // ...and status names it abandoned once the lease has lapsed; then the run of the same scope resumes.
        await Task.Delay(TimeSpan.FromSeconds(16));
        var status = await DmProcess.RunAsync(f.Directory, "status", "--config", f.ConfigPath);
        Assert.Contains($"run {killed} abandoned", status.Stdout);
        var rerun = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath);
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Equal(killed, await f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run WHERE state = 'completed'"));
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Fact]
    public async Task Heartbeat_connection_terminated_mid_run_reconnects_and_renews_so_no_other_run_takes_the_district()
    {
        await using var f = await MigrationFixture.CreateAsync(
            "lease_beat", districts: 1, students: Students, batchSize: 10, extra: Leases, server: FaultCluster.Server);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);
        using var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "1");
        FaultRun.WaitForBatches(f.Target, run, 5);
        var runId = await f.Target.ScalarAsync<Guid>("SELECT run_id FROM ferry.run");

        var killed = await FaultRun.TerminateHeartbeatAsync(f.Target);
        Assert.NotEmpty(killed);
        var terminatedAt = await f.Target.ScalarAsync<DateTime>("SELECT now()");

        // Past the lease's time to live: a heartbeat that had not come back would have let the lease lapse by now.
        // (Batches of 10 keep the run going well past this on an idle machine, where batches of 40 finished first.)
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(run.HasExited, "the run ended before the lease's time to live had passed");
        Assert.True(
            await f.Target.ScalarAsync<DateTime>($"SELECT renewed_at FROM ferry.lease WHERE kind = 'run' AND key = '{runId}'") > terminatedAt,
            "the run's lease was not renewed after its heartbeat connection was terminated");
        var connections = await FaultRun.HeartbeatConnectionsAsync(f.Target);
        Assert.NotEmpty(connections);
        Assert.DoesNotContain(connections, killed.Contains);
        var other = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath, "--entity", "dbo.School");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains($"district d001 is held by run {runId}", Assert.Single(other.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var result = await FaultRun.FinishAsync(run);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("completed", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Fact]
    public async Task Two_processes_of_one_run_share_its_work_without_duplicates()
    {
        await using var f = await MigrationFixture.CreateAsync("lease_twice", districts: 1, students: Students, batchSize: 40, extra: Leases);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

        using var first = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, first, 3);
        using var second = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        var results = await Task.WhenAll(FaultRun.FinishAsync(first), FaultRun.FinishAsync(second));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));
        Assert.Equal(1, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.run"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.quarantine WHERE reason_code = 'duplicate_key' AND entity <> 'dbo.AttendanceEvent'"));
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Fact]
    public async Task A_run_paused_past_its_lease_cannot_commit_and_recovers_after_another_run_restored_constraints()
    {
        await using var f = await MigrationFixture.CreateAsync("lease_pause", districts: 2, students: Students, batchSize: 40, extra: Leases);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

        using var paused = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--district", "d001", "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, paused, 10);
        FaultRun.Signal(paused, "STOP");
        await Task.Delay(TimeSpan.FromSeconds(4));

        // The other district's run finds the paused run's lease lapsed and restores the constraints it deferred. It
        // may have to wait for a transaction the paused process holds open, so that one is resumed after 20 s
        // regardless: well inside the 30 s a statement of the other run may wait before it fails the run.
        using var other = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--district", "d002");
        var otherDone = FaultRun.FinishAsync(other);
        await Task.WhenAny(otherDone, Task.Delay(TimeSpan.FromSeconds(20)));
        FaultRun.Signal(paused, "CONT");
        var results = await Task.WhenAll(otherDone, FaultRun.FinishAsync(paused));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));
        Assert.Equal(2, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.run WHERE state = 'completed'"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.lease"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.dropped_constraint"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.dropped_index"));
        Assert.Equal(7, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'f' AND n.nspname = 'dbo' AND convalidated"));
        var verification = await Ferry.IntegrationTests.Verification.Verification.RunAsync(f.Config());
        Assert.True(verification.HasParity);
    }
}
