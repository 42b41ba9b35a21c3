using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Rollback.TargetState;

namespace Ferry.IntegrationTests.Rollback;

/// <summary>
/// A rollback killed with SIGKILL at any moment leaves only whole steps behind (each committed with its checkpoint);
/// running it again resumes the same operation and ends where an uninterrupted rollback ends: none of the district's
/// rows or bookkeeping left, its registration cleared, every other tenant untouched, every foreign key valid.
/// </summary>
public sealed class RollbackKillTests
{
    [Fact]
    public async Task Rollback_killed_with_kill_9_twice_then_run_again_reaches_the_same_final_state()
    {
        await using var f = await MigrationFixture.CreateAsync("rbkill", districts: 2, students: 3000, batchSize: 40);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var run = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, run.Exit);
        var others = await OtherTenantsAsync(f.Target, Tenant1);
        var args = new[] { "rollback", "--config", f.ConfigPath, "--run", run.RunId.ToString(), "--district", "d001" };

        // Killed with SIGKILL (no chance to clean up) once a few steps are done, then again further on.
        foreach (var steps in new[] { 20, 120 })
        {
            using var rollback = DmProcess.Start(f.Directory, args);
            var watcher = new Thread(() =>
            {
                using var connection = new Npgsql.NpgsqlConnection(f.Target.ConnectionString);
                connection.Open();
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (DateTime.UtcNow < deadline && !rollback.HasExited)
                {
                    try
                    {
                        using var done = new Npgsql.NpgsqlCommand("SELECT count(*) FROM ferry.rollback_step WHERE state = 'done'", connection);
                        if (Convert.ToInt64(done.ExecuteScalar()) >= steps)
                        {
                            return;
                        }
                    }
                    catch (Npgsql.PostgresException e) when (e.SqlState == "42P01")
                    {
                        // The toolkit's schema is being brought up to date by the process under test.
                    }

                    Thread.Sleep(5);
                }
            });
            watcher.Start();
            watcher.Join();
            Assert.False(rollback.HasExited, "the rollback ended before it could be killed");
            rollback.Kill(entireProcessTree: true);
            await rollback.WaitForExitAsync();
        }

        Assert.True(await RowsAsync(f.Target, Tenant1) > 0, "everything was rolled back before the kill; nothing left to resume");
        Assert.Equal("running", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run WHERE kind = 'rollback'"));

        var again = await DmProcess.RunAsync(f.Directory, args);

        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("resumed", again.Stdout);
        Assert.Equal(1, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.run WHERE kind = 'rollback'"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.rollback_step WHERE state = 'pending'"));
        Assert.Equal(0, await RowsAsync(f.Target, Tenant1));
        Assert.Equal(0, await BookkeepingAsync(f.Target, Tenant1));
        Assert.Equal(others, await OtherTenantsAsync(f.Target, Tenant1));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.district WHERE district_id = 'd001'"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM ferry.lease"));
        Assert.Equal(0, await f.Target.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE connamespace = 'dbo'::regnamespace AND contype = 'f' AND NOT convalidated"));
    }
}
