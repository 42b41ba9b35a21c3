using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;

namespace Ferry.IntegrationTests.Engine;

public sealed class ResumeTests
{
    private const string Tenant1 = "6a1f7c1e-0000-4000-8000-000000000001";

    [Fact]
    public async Task Stop_at_a_batch_boundary_then_rerun_completes_with_exact_counts()
    {
        await using var f = await MigrationFixture.CreateAsync("resume", districts: 1, students: 400, batchSize: 25);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        using var stop = new CancellationTokenSource();
        var context = await MigrationContext.ResolveAsync(config, [], [], CancellationToken.None);
        var first = await new RunCoordinator(new StopAfter(5, stop)).RunAsync(context, new RunOptions { Stop = stop.Token, Parallelism = 1 }, CancellationToken.None);

        Assert.Equal(RunExit.Stopped, first.Exit);
        var doneAfterStop = await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.batch WHERE state = 'done'");
        var pendingAfterStop = await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.batch WHERE state = 'pending'");
        Assert.InRange(doneAfterStop, 5, 6);
        Assert.True(pendingAfterStop > 0);
        Assert.Equal("stopped", await f.Target.ScalarAsync<string>("SELECT state FROM ferry.run"));

        var second = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, second.Exit);
        Assert.Equal(first.RunId, second.RunId);
        await AssertExactAsync(f);
    }

    [Fact]
    public async Task Rerun_after_completion_loads_nothing_twice()
    {
        await using var f = await MigrationFixture.CreateAsync("rerun", districts: 1, students: 120, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        var again = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, again.Exit);
        Assert.Equal(0, again.RowsRead);
        await AssertExactAsync(f);
    }

    [Fact]
    public async Task Deadline_already_passed_stops_before_any_batch()
    {
        await using var f = await MigrationFixture.CreateAsync("window", districts: 1, students: 60, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var outcome = await MigrationFixture.RunAsync(config, new RunOptions { Deadline = DateTimeOffset.Now.AddSeconds(-1) });
        Assert.Equal(RunExit.Stopped, outcome.Exit);
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.batch WHERE state = 'done'"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        await AssertExactAsync(f);
    }

    [Fact]
    public async Task Dry_run_reports_what_would_be_quarantined_and_writes_nothing()
    {
        await using var f = await MigrationFixture.CreateAsync("dryrun", districts: 1, students: 200, batchSize: 60);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        var outcome = await MigrationFixture.RunAsync(config, new RunOptions { DryRun = true });

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Equal(DistrictSchema.Orphans(200) + DistrictSchema.EnrollmentOrphans(200), outcome.Reasons["rejected:orphan"]);
        Assert.Equal(2, outcome.Reasons["rejected:duplicate_key"]);
        Assert.Equal(DistrictSchema.Counts(200).Values.Sum(), outcome.RowsRead);
        Assert.Equal(outcome.RowsRead - outcome.RowsRejected, outcome.RowsLoaded);
        foreach (var table in new[] { "dbo.student", "dbo.attendance", "ferry.quarantine", "ferry.batch", "ferry.load", "ferry.run", "ferry.dropped_constraint" })
        {
            Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM {table}"));
        }

        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));
    }

    [Fact]
    public async Task Two_runs_into_two_empty_targets_give_identical_ids()
    {
        await using var f = await MigrationFixture.CreateAsync("determinism", districts: 2, students: 150, batchSize: 40);
        var second = await f.NewTargetAsync("determinism_tgt2_");
        var secondConfig = f.WriteConfig(second, batchSize: 17, name: "second.yaml");
        foreach (var path in new[] { f.ConfigPath, secondConfig })
        {
            var config = f.Config(path);
            await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, Path.GetFileNameWithoutExtension(path)));
            Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        }

        foreach (var table in new[] { "school", "staff", "student", "student_school_association", "attendance", "attendance_event" })
        {
            var sql = $"SELECT md5(string_agg(tenant_id::text || id::text || coalesce(row_to_json(t)::text, ''), ',' ORDER BY tenant_id, id)) FROM dbo.{table} t";
            Assert.Equal(await f.Target.ScalarAsync<string>(sql), await second.ScalarAsync<string>(sql));
        }
    }

    private static async Task AssertExactAsync(MigrationFixture f)
    {
        foreach (var (entity, rows) in DistrictSchema.Counts(f.StudentsOf(1)))
        {
            var table = "dbo." + Ferry.Core.Naming.SnakeCase.Convert(entity[4..]);
            var loaded = await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM {table} WHERE tenant_id = '{Tenant1}'");
            var distinct = await MigrationFixture.CountAsync(f.Target, $"SELECT count(DISTINCT id) FROM {table} WHERE tenant_id = '{Tenant1}'");
            var quarantined = await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM ferry.quarantine WHERE entity = '{entity}' AND action = 'rejected'");
            var quarantinedKeys = await MigrationFixture.CountAsync(f.Target, $"SELECT count(DISTINCT (coalesce(legacy_key, row::text))) FROM ferry.quarantine WHERE entity = '{entity}' AND action = 'rejected'");
            Assert.Equal(loaded, distinct);
            Assert.True(rows == loaded + quarantined, $"{entity}: {rows} source rows, {loaded} loaded + {quarantined} quarantined");
            Assert.Equal(quarantined, quarantinedKeys);
        }
    }

    /// <summary>Asks the run to stop once it has seen <paramref name="batches"/> batches complete.</summary>
    private sealed class StopAfter(int batches, CancellationTokenSource stop) : IRunObserver
    {
        private int _seen;

        public void BatchCompleted(BatchDescriptor batch, BatchResult result)
        {
            if (Interlocked.Increment(ref _seen) >= batches)
            {
                stop.Cancel();
            }
        }

        public void RunStarted(Guid runId, bool resumed, bool dryRun) { }

        public void LoadPlanned(string district, string entity, long sourceRows, int batchCount, int pendingBatches) { }

        public void LoadSkipped(string district, string entity, string reason) { }

        public void LoadCompleted(string district, string entity) { }

        public void Message(string text) { }
    }
}
