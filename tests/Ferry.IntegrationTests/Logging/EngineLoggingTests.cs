using Ferry.Core.Planning;
using Ferry.Engine.Logging;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Microsoft.Extensions.Logging;

namespace Ferry.IntegrationTests.Logging;

/// <summary>The engine's log events of a real load, each in the scopes (run, district, entity, work item) it concerns.</summary>
public sealed class EngineLoggingTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private RunOutcome _outcome = null!;
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("logscopes", districts: 2, students: 300, batchSize: 70);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
        var context = await MigrationContext.ResolveAsync(config, [], [], CancellationToken.None);
        _outcome = await new RunCoordinator(new Silent(), loggers).RunAsync(context, new RunOptions(), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private List<CapturedLogs.Entry> Events(int id) => _logs.Entries.Where(e => e.Category == "Ferry.Engine" && e.Id.Id == id).ToList();

    [Fact]
    public void Every_engine_event_of_a_run_carries_its_run_id_as_a_scope()
    {
        Assert.Equal(RunExit.Completed, _outcome.Exit);
        var engine = _logs.Entries.Where(e => e.Category == "Ferry.Engine").ToList();
        Assert.NotEmpty(engine);
        Assert.All(engine, e => Assert.Equal(_outcome.RunId, e.Scopes.GetValueOrDefault(LogScopes.RunId)));
        Assert.Single(Events(100));
        var finished = Assert.Single(Events(101));
        Assert.Equal("completed", finished.State["State"]);
        Assert.Equal(_outcome.RowsLoaded, finished.State["RowsLoaded"]);
    }

    [Fact]
    public void Each_district_is_planned_in_its_district_scope()
    {
        var planned = Events(200);
        Assert.Equal(["d001", "d002"], planned.Select(e => (string)e.Scopes[LogScopes.District]!).Order(StringComparer.Ordinal));
        Assert.All(planned, e => Assert.Equal(e.Scopes[LogScopes.District], e.State["District"]));
    }

    [Fact]
    public void Each_work_item_logs_its_rows_in_the_scope_of_its_district_entity_and_work_item()
    {
        var items = Events(201);
        Assert.NotEmpty(items);
        Assert.All(items, e =>
        {
            Assert.Contains(e.Scopes[LogScopes.District], new object[] { "d001", "d002" });
            Assert.Equal(e.State["WorkItem"], e.Scopes[LogScopes.WorkItem]);
        });

        // A batch of one entity names it; the rows of every work item add up to the run's.
        var batches = items.Where(e => ((string)e.Scopes[LogScopes.WorkItem]!).Contains('#') && !((string)e.Scopes[LogScopes.WorkItem]!).Contains("bundle")).ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, e => Assert.StartsWith($"{e.Scopes[LogScopes.District]}/{e.Scopes[LogScopes.Entity]}#", (string)e.Scopes[LogScopes.WorkItem]!));
        Assert.Equal(_outcome.RowsRead, items.Sum(e => (long)e.State["Rows"]!));
        Assert.Equal(_outcome.RowsRejected, items.Sum(e => (long)e.State["Quarantined"]!));
    }

    [Fact]
    public void Quarantined_rows_are_a_warning_in_the_scope_of_their_work_item()
    {
        Assert.True(_outcome.RowsRejected > 0, "the generated districts have orphans");
        var warnings = Events(202);
        Assert.NotEmpty(warnings);
        Assert.All(warnings, e =>
        {
            Assert.Equal(LogLevel.Warning, e.Level);
            Assert.NotNull(e.Scopes[LogScopes.WorkItem]);
        });
        Assert.Equal(_outcome.RowsRejected, warnings.Sum(e => (long)e.State["Quarantined"]!));
    }

    [Fact]
    public void Each_finished_load_is_logged_in_its_district_and_entity_scope()
    {
        var finished = Events(205);
        var expected = _outcome.Entities.Select(e => $"{e.District} {e.Entity}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, finished.Select(e => $"{e.Scopes[LogScopes.District]} {e.Scopes[LogScopes.Entity]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deferring_and_restoring_constraints_is_logged_in_the_run_scope_without_a_district()
    {
        var restored = Assert.Single(Events(302));
        Assert.False(restored.Scopes.ContainsKey(LogScopes.District));
        var foreignKeys = await MigrationFixture.CountAsync(
            _f.Target, "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'f' AND n.nspname = 'dbo'");
        Assert.Equal(foreignKeys, Events(300).Sum(e => (int)e.State["ForeignKeys"]!));
    }

    private sealed class Silent : IRunObserver
    {
        public void RunStarted(Guid runId, bool resumed, bool dryRun)
        {
        }

        public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches)
        {
        }

        public void LoadSkipped(string district, string entity, string reason)
        {
        }

        public void BatchCompleted(BatchDescriptor batch, BatchResult result)
        {
        }

        public void LoadCompleted(string district, string entity)
        {
        }

        public void Message(string text)
        {
        }
    }
}
