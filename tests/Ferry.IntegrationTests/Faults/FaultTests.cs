using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Faults;

/// <summary>The fault tests share the cluster they restart, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}

/// <summary>
/// Faults injected into a running <c>dm run</c>: the target restarted (fast and immediate), a backend terminated on
/// the target and on the source, SIGTERM and a second Ctrl+C. Each ends with the documented exit code and one line,
/// and a resume reaches parity with every foreign key back once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests
{
    private const int Students = 6000;
    private const string Retries = "retries: { attempts: 12, baseDelay: 200ms, maxDelay: 2s }\nleases: { ttl: 5s }";

    private static async Task<MigrationFixture> FixtureAsync(string prefix, string extra = Retries, int batchSize = 60) =>
        await MigrationFixture.CreateAsync(prefix, districts: 1, students: Students, batchSize: batchSize, extra: extra, server: FaultCluster.Server);

    private static async Task ScaffoldAsync(MigrationFixture f) =>
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task Target_restarted_mid_run_is_retried_and_the_run_completes_to_parity(string mode)
    {
        await using var f = await FixtureAsync("fault_restart_" + mode);
        await ScaffoldAsync(f);
        using var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, run, 10);

        await FaultCluster.RestartAsync(mode);
        var result = await FaultRun.FinishAsync(run);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("transient fault", result.Stdout + result.Stderr);
        Assert.Equal("completed", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Fact]
    public async Task Without_retries_a_restart_fails_the_run_in_one_line_naming_the_database_error_and_a_rerun_resumes()
    {
        await using var f = await FixtureAsync("fault_noretry", "retries: { attempts: 1 }\nleases: { ttl: 5s }");
        await ScaffoldAsync(f);
        using var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, run, 10);

        await FaultCluster.RestartAsync("fast");
        var result = await FaultRun.FinishAsync(run);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
        Assert.Equal("failed", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));
        Assert.False(string.IsNullOrEmpty(await f.Target.ScalarAsync<string>("SELECT message FROM ferry.run")));

        var rerun = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath);
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Fact]
    public async Task A_terminated_target_backend_is_retried()
    {
        await using var f = await FixtureAsync("fault_backend");
        await ScaffoldAsync(f);
        using var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, run, 10);

        // Attendance loads last, so after ten batches its COPYs are still to come.
        var terminated = await FaultRun.TerminateBlockedAsync(f.Target, "dbo.attendance", "COPY%", run);

        var result = await FaultRun.FinishAsync(run);
        Assert.True(terminated > 0, "no COPY was caught in flight");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("transient fault", result.Stdout + result.Stderr);
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Fact]
    public async Task A_source_connection_terminated_mid_read_is_retried()
    {
        await using var f = await FixtureAsync("fault_source");
        await ScaffoldAsync(f);
        using var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, run, 10);

        // Attendance loads last, so after ten batches its reads are still to come.
        var terminated = await FaultRun.TerminateBlockedReadAsync(f.Districts[0], "dbo.\"Attendance\"", run);

        var result = await FaultRun.FinishAsync(run);
        Assert.True(terminated > 0, "no source read was caught in flight");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("transient fault", result.Stdout + result.Stderr);
        await FaultRun.AssertCompleteAsync(f, Students);
    }

    [Theory]
    [InlineData("TERM", 1)]
    [InlineData("INT", 2)]
    public async Task Sigterm_or_ctrl_c_stops_at_a_batch_boundary_with_exit_4_and_a_rerun_resumes(string signal, int times)
    {
        await using var f = await FixtureAsync("fault_sig" + signal.ToLowerInvariant());
        await ScaffoldAsync(f);
        using var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2");
        FaultRun.WaitForBatches(f.Target, run, 10);

        for (var i = 0; i < times; i++)
        {
            FaultRun.Signal(run, signal);
            await Task.Delay(50);
        }

        var result = await FaultRun.FinishAsync(run);

        Assert.True(result.ExitCode == 4, result.Stdout + result.Stderr);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
        Assert.Equal("stopped", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));
        var rerun = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath);
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Contains("resumed", rerun.Stdout);
        await FaultRun.AssertCompleteAsync(f, Students);
    }
}
