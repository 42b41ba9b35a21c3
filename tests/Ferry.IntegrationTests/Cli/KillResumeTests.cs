using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Cli;

public sealed class KillResumeTests
{
    [Fact]
    public async Task Rerun_after_kill_resumes_without_duplicates()
    {
        await using var f = await MigrationFixture.CreateAsync("killresume", districts: 1, students: 3000, batchSize: 40);
        Assert.Equal(0, (await DmProcess.RunAsync(f.Directory, "scaffold", "--config", f.ConfigPath, "--apply")).ExitCode);

        using (var run = DmProcess.Start(f.Directory, "run", "--config", f.ConfigPath, "--parallelism", "2"))
        {
            // Watched from a thread of its own with blocking calls: tests running alongside can starve the thread
            // pool for long enough that a fast load would finish between two looks.
            var watcher = new Thread(() =>
            {
                using var conn = new Npgsql.NpgsqlConnection(f.Target.ConnectionString);
                conn.Open();
                using var done = new Npgsql.NpgsqlCommand("SELECT count(*) FROM ferry.batch WHERE state = 'done'", conn);
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (Convert.ToInt64(done.ExecuteScalar()) < 10 && DateTime.UtcNow < deadline && !run.HasExited)
                {
                    Thread.Sleep(10);
                }
            });
            watcher.Start();
            watcher.Join();
            Assert.False(run.HasExited, "the run ended before it could be killed");

            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }

        // Batches are planned an entity at a time, so "no batch pending" can also mean "next entity not planned yet".
        var loadedEntities = await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.load WHERE state = 'loaded'");
        Assert.True(loadedEntities < DistrictSchema.Counts(3000).Count, "every entity loaded before the kill; nothing left to resume");
        Assert.Equal("running", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));
        Assert.True(await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.dropped_index") > 0, "the killed run had deferred no index");

        var rerun = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath);
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Contains("resumed", rerun.Stdout);

        foreach (var (entity, rows) in DistrictSchema.Counts(3000))
        {
            var table = "dbo." + Ferry.Core.Naming.SnakeCase.Convert(entity[4..]);
            var loaded = await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM {table}");
            var distinct = await MigrationFixture.CountAsync(f.Target, $"SELECT count(DISTINCT id) FROM {table}");
            var quarantined = await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM ferry.quarantine WHERE entity = '{entity}' AND action = 'rejected'");
            Assert.Equal(loaded, distinct);
            Assert.True(rows == loaded + quarantined, $"{entity}: {rows} source rows, {loaded} loaded + {quarantined} quarantined");
        }

        Assert.Equal(DistrictSchema.Orphans(3000) + DistrictSchema.EnrollmentOrphans(3000), await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.quarantine WHERE reason_code = 'orphan'"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));
        Assert.Equal(7, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'f' AND n.nspname = 'dbo'"));

        // The indexes the killed run deferred are built by the run that completed, autovacuum resumed.
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.dropped_index"));
        Assert.Equal(7, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'p' AND n.nspname = 'dbo'"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_class WHERE relnamespace = 'dbo'::regnamespace AND reloptions IS NOT NULL"));
    }
}
