using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;
using Ferry.Engine.Status;
using Ferry.Postgres.Target.Constraints;

namespace Ferry.IntegrationTests.Engine;

/// <summary>Indexes of tables loaded from empty: dropped while the load runs, built once when it ends.</summary>
public sealed class IndexDeferralTests : IAsyncLifetime
{
    // Every index and primary key of the target tables, as PostgreSQL describes them.
    private const string Indexes =
        "SELECT string_agg(i.indexname || ':' || i.indexdef || ':' || coalesce(c.contype::text, '-'), E'\\n' ORDER BY i.indexname) " +
        "FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conname = i.indexname AND c.connamespace = 'dbo'::regnamespace WHERE i.schemaname = 'dbo'";

    private MigrationFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("idxdefer", districts: 2, students: 120, batchSize: 50);
        await MigrationFixture.ScaffoldAsync(_f.Config(), Path.Combine(_f.Directory, "scaffold"));
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task<string> TargetText(string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(_f.Target.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private Task<long> Target(string sql) => MigrationFixture.CountAsync(_f.Target, sql);

    private async Task<(MigrationContext Context, TargetDatabases Targets, ConstraintManager Manager)> ManagerAsync()
    {
        var config = _f.Config();
        var context = await MigrationContext.ResolveAsync(config, [], [], CancellationToken.None);
        var targets = await TargetDatabases.OpenAsync(config, CancellationToken.None);
        return (context, targets, new ConstraintManager(targets["default"], context.Mappings, context.Config.Policies));
    }

    [Fact]
    public async Task A_run_from_empty_defers_the_indexes_and_ends_with_the_same_indexes_as_scaffolded()
    {
        var scaffolded = await TargetText(Indexes);
        var observer = new RecordingObserver();
        var context = await MigrationContext.ResolveAsync(_f.Config(), [], [], CancellationToken.None);

        var outcome = await new RunCoordinator(observer).RunAsync(context, new RunOptions(), CancellationToken.None);

        Assert.Equal(RunExit.Completed, outcome.Exit);
        Assert.Contains(observer.Messages, m => m.Contains("index(es) of tables loaded from empty deferred", StringComparison.Ordinal));
        Assert.Contains(observer.Messages, m => m.Contains("table(s) built, foreign keys restored and validated", StringComparison.Ordinal));
        Assert.Equal(scaffolded, await TargetText(Indexes));
        Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_index"));
        Assert.Equal(0, await Target("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));
    }

    [Fact]
    public async Task A_run_into_a_target_never_scaffolded_stops_before_deferring_anything_and_names_the_missing_table()
    {
        var bare = await _f.NewTargetAsync("idxdefer_bare_");
        var config = _f.Config(_f.WriteConfig(bare, batchSize: 50, name: "bare.yaml"));

        var error = await Assert.ThrowsAsync<Ferry.Core.Configuration.ConfigException>(() => MigrationFixture.RunAsync(config));

        Assert.Matches(@"table dbo\.\w+ \(for dbo\.\w+\) does not exist: run `dm scaffold --config .+ --apply` first", error.Message);
        Assert.Equal(0, await MigrationFixture.CountAsync(bare, "SELECT count(*) FROM pg_tables WHERE schemaname = 'dbo'"));
    }

    [Fact]
    public async Task Two_runs_deferring_at_the_same_moment_both_proceed_and_each_index_is_recorded_once()
    {
        var scaffolded = await TargetText(Indexes);
        var (context, targets, first) = await ManagerAsync();
        await using (targets)
        {
            var second = new ConstraintManager(targets["default"], context.Mappings, context.Config.Policies);
            var deferred = await Task.WhenAll(
                first.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: false, CancellationToken.None),
                second.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: false, CancellationToken.None));

            var recorded = await Target("SELECT count(*) FROM ferry.dropped_index");
            Assert.True(recorded > 0);
            Assert.Equal(0, await Target("SELECT count(*) FROM pg_indexes WHERE schemaname = 'dbo'"));
            Assert.Equal(recorded, await Target("SELECT count(DISTINCT (table_name, index_name)) FROM ferry.dropped_index"));
            Assert.True(deferred[0].Indexes + deferred[1].Indexes >= recorded);

            await first.RestoreAsync(Guid.NewGuid(), CancellationToken.None);
            Assert.Equal(scaffolded, await TargetText(Indexes));
        }
    }

    [Fact]
    public async Task Keep_indexes_leaves_every_index_in_place()
    {
        var (context, targets, manager) = await ManagerAsync();
        await using (targets)
        {
            var (foreignKeys, indexes) = await manager.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: true, CancellationToken.None);

            Assert.True(foreignKeys > 0);
            Assert.Equal(0, indexes);
            Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_index"));
            await manager.RestoreAsync(Guid.NewGuid(), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Deferred_indexes_pause_autovacuum_survive_a_second_scaffold_show_in_status_and_are_built_by_the_restore()
    {
        var scaffolded = await TargetText(Indexes);
        var (context, targets, manager) = await ManagerAsync();
        await using (targets)
        {
            var (_, indexes) = await manager.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: false, CancellationToken.None);
            Assert.True(indexes > 0);
            Assert.Equal(indexes, await Target("SELECT count(*) FROM ferry.dropped_index"));
            Assert.Equal(0, await Target("SELECT count(*) FROM pg_indexes WHERE schemaname = 'dbo'"));
            Assert.Equal(1, await Target("SELECT count(*) FROM pg_class WHERE oid = 'dbo.student'::regclass AND reloptions = '{autovacuum_enabled=false}'"));

            await Scaffolder.ScaffoldAsync(context, Path.Combine(_f.Directory, "again"), apply: true, CancellationToken.None);
            Assert.Equal(0, await Target("SELECT count(*) FROM pg_indexes WHERE schemaname = 'dbo'"));
            var status = await StatusReader.ReadAsync(_f.Config(), null, [], CancellationToken.None);
            Assert.Equal(indexes, status.DeferredIndexes);

            Assert.Equal(0, await manager.RestoreAsync(Guid.NewGuid(), CancellationToken.None));
            Assert.Equal(scaffolded, await TargetText(Indexes));
            Assert.Equal(0, await Target("SELECT count(*) FROM pg_class WHERE relnamespace = 'dbo'::regnamespace AND reloptions IS NOT NULL"));
            Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_index"));
        }
    }

    [Fact]
    public async Task Restoring_again_after_a_crash_mid_restore_skips_the_index_already_built()
    {
        var scaffolded = await TargetText(Indexes);
        var (context, targets, manager) = await ManagerAsync();
        await using (targets)
        {
            await manager.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: false, CancellationToken.None);

            // As if a restore had built the primary key's index and then died before attaching and forgetting it.
            await _f.Target.ExecuteAsync("CREATE UNIQUE INDEX pk_student ON dbo.student (tenant_id, id)");

            Assert.Equal(0, await manager.RestoreAsync(Guid.NewGuid(), CancellationToken.None));
            Assert.Equal(scaffolded, await TargetText(Indexes));
            Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_index"));
        }
    }

    [Fact]
    public async Task A_foreign_key_already_back_but_still_listed_is_validated_and_forgotten()
    {
        var (context, targets, manager) = await ManagerAsync();
        await using (targets)
        {
            await manager.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: true, CancellationToken.None);
            var (name, definition) = await FirstDroppedAsync();
            await _f.Target.ExecuteAsync($"ALTER TABLE dbo.student_school_association ADD CONSTRAINT \"{name}\" {definition} NOT VALID");

            await manager.RestoreAsync(Guid.NewGuid(), CancellationToken.None);

            Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_constraint"));
            Assert.Equal(0, await Target("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));
            Assert.Equal(1, await Target($"SELECT count(*) FROM pg_constraint WHERE conname = '{name}'"));
        }
    }

    private async Task<(string Name, string Definition)> FirstDroppedAsync()
    {
        var name = await TargetText("SELECT constraint_name FROM ferry.dropped_constraint WHERE table_name = 'student_school_association' ORDER BY 1 LIMIT 1");
        return (name, await TargetText($"SELECT definition FROM ferry.dropped_constraint WHERE constraint_name = '{name}'"));
    }

    [Fact]
    public async Task A_table_that_holds_rows_keeps_its_indexes()
    {
        await MigrationFixture.RunAsync(_f.Config());
        var (context, targets, manager) = await ManagerAsync();
        await using (targets)
        {
            var (foreignKeys, indexes) = await manager.DeferAsync(Guid.NewGuid(), context.Entities, keepIndexes: false, CancellationToken.None);

            Assert.True(foreignKeys > 0);
            Assert.Equal(0, indexes);
            await manager.RestoreAsync(Guid.NewGuid(), CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_key_that_reached_the_target_twice_keeps_one_copy_and_quarantines_the_other_when_its_index_is_built()
    {
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(_f.Config())).Exit);
        var rows = await Target("SELECT count(*) FROM dbo.attendance");
        var (context, targets, manager) = await ManagerAsync();
        await using (targets)
        {
            // Empty the table, so its indexes are deferred, then put its rows back with one of them twice.
            await _f.Target.ExecuteAsync("CREATE TABLE public.attendance_copy AS SELECT * FROM dbo.attendance; TRUNCATE dbo.attendance");
            var attendance = context.Entities.Single(e => e.Name == "dbo.Attendance");
            var (_, indexes) = await manager.DeferAsync(Guid.NewGuid(), [attendance], keepIndexes: false, CancellationToken.None);
            Assert.True(indexes >= 2);
            await _f.Target.ExecuteAsync(
                "INSERT INTO dbo.attendance SELECT * FROM public.attendance_copy; " +
                "INSERT INTO dbo.attendance SELECT * FROM public.attendance_copy ORDER BY tenant_id, legacy_attendance_id LIMIT 1");

            var moved = await manager.RestoreAsync(Guid.NewGuid(), CancellationToken.None);

            Assert.Equal(1, moved);
            Assert.Equal(rows, await Target("SELECT count(*) FROM dbo.attendance"));
            Assert.Equal(1, await Target("SELECT count(*) FROM ferry.quarantine WHERE entity = 'dbo.Attendance' AND reason_code = 'duplicate_key' AND row ? 'legacy_attendance_id'"));
            Assert.Equal(1, await Target("SELECT count(*) FROM pg_constraint WHERE conname = 'pk_attendance' AND contype = 'p'"));
            Assert.Equal(0, await Target("SELECT count(*) FROM ferry.dropped_index"));
        }
    }

    private sealed class RecordingObserver : IRunObserver
    {
        public List<string> Messages { get; } = [];

        public void RunStarted(Guid runId, bool resumed, bool dryRun) { }

        public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches) { }

        public void LoadSkipped(string district, string entity, string reason) { }

        public void BatchCompleted(Ferry.Core.Planning.BatchDescriptor batch, Ferry.Engine.Pipeline.BatchResult result) { }

        public void LoadCompleted(string district, string entity) { }

        public void Message(string text) => Messages.Add(text);
    }
}
