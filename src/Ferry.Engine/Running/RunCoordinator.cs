using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;
using Ferry.Postgres.Target;

namespace Ferry.Engine.Running;

/// <summary>
/// Runs the full load of the districts and entities in scope. Per district, an entity starts once every entity
/// it references (outside broken cycles) has finished, so parents' rejected rows are known before their children
/// load; batches of ready entities share <see cref="MigrationConfig.Parallelism"/> slots. A rerun resumes: loads
/// already finished are skipped, planned loads continue with their pending batches, and the same run id is reused
/// when the scope is the same. Never throws for a failed batch: the outcome says what failed.
/// </summary>
public sealed class RunCoordinator(IRunObserver observer)
{
    private readonly BatchExecutor _executor = new();

    public async Task<RunOutcome> RunAsync(MigrationContext context, RunOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken, ensureControlSchema: false);
        var stores = targets.Names.ToDictionary(n => n, n => new ControlStore(targets[n]));
        await RequireTargetTablesAsync(context, targets, cancellationToken);

        // Before anything is written: a district whose reads would be locking is refused unless accepted.
        var reading = await SourceChecks.BeforeReadingAsync(context, load: true, cancellationToken);
        await targets.EnsureControlSchemaAsync(cancellationToken);
        await Registrations.CheckAsync(context, targets, options.AcceptSourceChange, cancellationToken);

        var districtIds = context.Districts.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        var entityNames = context.Entities.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        var runId = Guid.CreateVersion7();
        var resumed = false;
        if (!options.DryRun)
        {
            if (await stores.Values.First().FindResumableRunAsync(districtIds, entityNames, cancellationToken) is { } existing)
            {
                runId = existing;
                resumed = true;
            }

            foreach (var store in stores.Values)
            {
                await store.CreateOrResumeRunAsync(runId, districtIds, entityNames, cancellationToken);
            }
        }

        observer.RunStarted(runId, resumed, options.DryRun);
        if (!options.DryRun)
        {
            foreach (var moved in await Registrations.RecordAsync(context, targets, runId, cancellationToken))
            {
                var facts = context.Facts[moved];
                observer.Message($"district {moved}: legacy database {facts.Database} on {facts.Server} accepted as restored or failed over; its new fingerprint {facts.Fingerprint} is recorded");
            }
        }

        foreach (var line in context.Warnings.Concat(reading.Lines))
        {
            observer.Message(line);
        }
        var constraints = new Dictionary<string, ConstraintManager>();
        if (!options.DryRun)
        {
            foreach (var name in targets.Names)
            {
                var manager = new ConstraintManager(targets[name], context.Mappings, context.Config.Policies);
                await manager.HoldAsync(cancellationToken);
                var inTarget = context.Entities.Where(e => e.Target == name).ToList();

                // Nothing left to load here: dropping foreign keys only to validate them again would be wasted work
                // (and a window without them). Constraints an earlier run left deferred are still restored at the end.
                var (foreignKeys, indexes) = await stores[name].AllLoadedAsync(context.Districts.Select(d => d.Tenant).ToList(), inTarget.Select(e => e.Name).ToList(), cancellationToken)
                    ? (0, 0)
                    : await manager.DeferAsync(runId, inTarget, options.KeepIndexes, cancellationToken);
                if (foreignKeys > 0)
                {
                    observer.Message($"target {name}: {foreignKeys} foreign key(s) deferred until the load ends");
                }

                if (indexes > 0)
                {
                    observer.Message($"target {name}: {indexes} index(es) of tables loaded from empty deferred; built once when the load ends");
                }

                constraints[name] = manager;
            }
        }

        var state = new RunState(context, options, stores, runId);
        string? failure = null;
        try
        {
            await ScheduleAsync(state, cancellationToken);
        }
        catch (Exception e) when (e is SourceUnavailableException or Npgsql.NpgsqlException or ConfigException or InvalidOperationException or TimeoutException or IOException)
        {
            failure = e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = "interrupted";
        }

        failure ??= state.Failure;
        var exit = failure is not null ? RunExit.Failed : state.Stopped ? RunExit.Stopped : RunExit.Completed;
        if (exit == RunExit.Completed && !options.DryRun)
        {
            foreach (var (name, manager) in constraints)
            {
                long? moved;
                try
                {
                    moved = await manager.RestoreAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
                {
                    // Every batch is committed; what is left is listed in ferry.dropped_index / dropped_constraint
                    // and the next run to complete restores it.
                    failure = $"target {name}: building deferred indexes and restoring foreign keys failed: {e.Message}";
                    exit = RunExit.Failed;
                    break;
                }

                observer.Message(moved is null
                    ? $"target {name}: other runs are still loading; the last to finish restores and validates foreign keys"
                    : $"target {name}: " + (manager.IndexedTables > 0 ? $"indexes of {manager.IndexedTables} table(s) built, " : "") + "foreign keys restored and validated" +
                        (moved > 0 ? $"; {moved} row(s) without a parent or with a duplicated key moved to quarantine" : ""));
                if (manager.Waiting.Count > 0)
                {
                    observer.Message($"target {name}: {manager.Waiting.Count} foreign key(s) stay deferred until their parents are loaded: {string.Join(", ", manager.Waiting.Take(5))}{(manager.Waiting.Count > 5 ? ", ..." : "")}");
                }
            }
        }

        foreach (var manager in constraints.Values)
        {
            await manager.ReleaseAsync();
        }

        if (exit == RunExit.Completed && reading.LockingDistricts.Count > 0)
        {
            observer.Message($"district(s) {string.Join(", ", reading.LockingDistricts)} were read with locking reads: run `dm verify --config {context.Config.File}` now, it is required");
        }

        if (!options.DryRun)
        {
            var runState = exit switch { RunExit.Completed => "completed", RunExit.Stopped => "stopped", _ => "failed" };
            foreach (var store in stores.Values)
            {
                await store.FinishRunAsync(runId, runState, failure, CancellationToken.None);
            }
        }

        return state.Outcome(exit, failure, clock.Elapsed);
    }

    /// <summary>Every table in scope exists with the mapped column types; refused (nothing written) otherwise.</summary>
    private static async Task RequireTargetTablesAsync(MigrationContext context, TargetDatabases targets, CancellationToken cancellationToken)
    {
        foreach (var group in context.Entities.GroupBy(e => e.Target))
        {
            var existing = await TargetCatalog.ColumnTypesAsync(targets[group.Key], group.Select(e => e.TargetSchema).Distinct().ToList(), cancellationToken);
            var missing = group.FirstOrDefault(e => !existing.ContainsKey((e.TargetSchema, e.TargetTable)));
            if (missing is not null)
            {
                throw new ConfigException(
                    $"target {group.Key}: table {missing.TargetSchema}.{missing.TargetTable} (for {missing.Name}) does not exist: run `dm scaffold --config {context.Config.File} --apply` first");
            }

            if (TypeDrift.Find(group, existing) is [var drift, ..] all)
            {
                throw new ConfigException(
                    $"target {group.Key}: {drift}{(all.Count > 1 ? $" (and {all.Count - 1} more)" : "")}: alter the target to the mapping, or the mapping to the target, before loading");
            }
        }
    }

    private async Task ScheduleAsync(RunState state, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slots = new SemaphoreSlim(state.Options.Parallelism ?? state.Context.Config.Parallelism);
        var inScope = state.Context.Entities.Select(e => e.Source).ToHashSet();
        var pending = state.Context.Districts.SelectMany(d => state.Context.Entities.Select(e => (District: d, Entity: e))).ToList();
        var finished = new HashSet<(string, TableName)>();
        var running = new Dictionary<Task<bool>, (DistrictSettings District, EntityMapping Entity)>();
        while (true)
        {
            if (!state.Stopped && state.Failure is null)
            {
                foreach (var item in pending.ToList())
                {
                    var prerequisites = state.Context.Order.Prerequisites[item.Entity.Source].Where(inScope.Contains);
                    if (prerequisites.All(p => finished.Contains((item.District.Id, p))))
                    {
                        pending.Remove(item);
                        running[LoadAsync(state, item.District, item.Entity, slots, abort.Token)] = item;
                    }
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys);
            var load = running[done];
            running.Remove(done);
            try
            {
                if (await done)
                {
                    finished.Add((load.District.Id, load.Entity.Source));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                state.Failure ??= $"district {load.District.Id}, entity {load.Entity.Name}: {Describe(e)}";
                await abort.CancelAsync();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static string Describe(Exception e) => e switch
    {
        Npgsql.PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        OperationCanceledException => "cancelled after another failure",
        _ => e.Message,
    };

    /// <summary>Plans (or resumes) one load and runs its batches; true when every batch is done.</summary>
    private async Task<bool> LoadAsync(RunState state, DistrictSettings district, EntityMapping entity, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var context = state.Context;
        var store = state.Stores[entity.Target];
        IReadOnlyList<BatchDescriptor> batches;
        long sourceRows;
        string? changePosition = null;
        await slots.WaitAsync(cancellationToken);
        Task<OrphanIndex>? orphans = null;
        try
        {
            // The orphan search and the planning both read the source; they do not depend on each other, so the
            // search runs while the batches are planned.
            Task<OrphanIndex> FindOrphans() => LoadPlanner.OrphansAsync(
                context.Config,
                district,
                entity,
                context.Mappings,
                parent => state.Options.DryRun || context.Mappings.Find(parent) is not { } p
                    ? Task.FromResult(new HashSet<Guid>())
                    : state.Stores[p.Target].RejectedIdsAsync(district.Tenant, p.Name, cancellationToken),
                state.ParentKeys,
                cancellationToken,
                context.Schema(district.Id));

            if (state.Options.DryRun)
            {
                orphans = FindOrphans();
                var plan = await LoadPlanner.PlanAsync(state.RunId, district, entity, context.Config.BatchSize, cancellationToken, context.Schema(district.Id));
                (batches, sourceRows) = (plan.Batches, plan.SourceRows);
                observer.LoadPlanned(district.Id, entity.Name, sourceRows, batches.Count, batches.Count);
            }
            else
            {
                var existing = await store.GetLoadAsync(district.Tenant, entity.Name, cancellationToken);
                if (existing is { State: "loaded" })
                {
                    observer.LoadSkipped(district.Id, entity.Name, $"already loaded by run {existing.RunId}");
                    state.Record(district.Id, entity.Name, existing.SourceRows ?? 0, null, "loaded earlier");
                    return true;
                }

                orphans = FindOrphans();
                if (existing is null)
                {
                    var plan = await LoadPlanner.PlanAsync(state.RunId, district, entity, context.Config.BatchSize, cancellationToken, context.Schema(district.Id));
                    await store.PlanLoadAsync(state.RunId, district.Id, district.Tenant, entity.Name, plan.SourceRows, plan.ChangePosition, plan.Batches, cancellationToken);
                    existing = await store.GetLoadAsync(district.Tenant, entity.Name, cancellationToken);
                }

                batches = await store.PendingBatchesAsync(district.Tenant, entity.Name, cancellationToken);
                sourceRows = existing?.SourceRows ?? 0;
                changePosition = existing?.ChangePosition;
                observer.LoadPlanned(district.Id, entity.Name, sourceRows, existing?.Batches ?? batches.Count, batches.Count);
            }

            state.LoadContexts[(district.Id, entity.Name)] = new LoadContext(
                entity, district, SourceAdapters.For(district.Source.Provider), state.Targets(entity.Target), context.Config, await orphans,
                context.Schema(district.Id), context.Mappings, context.Facts.GetValueOrDefault(district.Id), state.Options.ValueFault);
        }
        catch when (orphans is { IsCompleted: false })
        {
            // Planning failed while the search still runs: let it finish (its own failure is not the news) so
            // nothing reads the source after this load has given up.
            await orphans.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        finally
        {
            slots.Release();
        }

        var loadContext = state.LoadContexts[(district.Id, entity.Name)];
        var results = await Task.WhenAll(batches.Select(b => BatchAsync(state, loadContext, b, slots, cancellationToken)));

        // The context holds the load's orphan index: drop it with the load, so a run of many loads stays flat.
        state.LoadContexts.TryRemove((district.Id, entity.Name), out _);
        state.Record(district.Id, entity.Name, sourceRows, results.Where(r => r is not null).Select(r => r!).ToList(), null);
        if (results.Any(r => r is null))
        {
            return false;
        }

        if (!state.Options.DryRun)
        {
            await store.CompleteLoadAsync(district.Tenant, entity.Name, cancellationToken);
            if (await SourceChecks.ChangePositionAsync(district, entity.Source, changePosition, cancellationToken) is { } stale)
            {
                observer.Message(stale);
            }
        }

        observer.LoadCompleted(district.Id, entity.Name);
        return true;
    }

    /// <summary>Runs one batch in a free slot, or returns null when the run is stopping.</summary>
    private async Task<BatchResult?> BatchAsync(RunState state, LoadContext context, BatchDescriptor batch, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            if (state.Options.Stop.IsCancellationRequested || (state.Options.Deadline is { } deadline && DateTimeOffset.Now >= deadline))
            {
                state.Stopped = true;
                return null;
            }

            var result = await Task.Run(() => _executor.ExecuteAsync(context, batch, state.Options.DryRun, cancellationToken), cancellationToken);
            observer.BatchCompleted(batch, result);
            return result;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Mutable state shared by the loads of one run.</summary>
    private sealed class RunState(MigrationContext context, RunOptions options, Dictionary<string, ControlStore> stores, Guid runId)
    {
        private readonly ConcurrentDictionary<(string, string), EntityOutcome> _entities = new();

        public MigrationContext Context => context;

        public RunOptions Options => options;

        public Dictionary<string, ControlStore> Stores => stores;

        public Guid RunId => runId;

        public volatile bool Stopped;

        public string? Failure;

        public ConcurrentDictionary<(string, string), LoadContext> LoadContexts { get; } = new();

        public ParentKeyCache ParentKeys { get; } = new();

        public Npgsql.NpgsqlDataSource Targets(string name) => stores[name].Target;

        public void Record(string district, string entity, long sourceRows, IReadOnlyList<BatchResult>? results, string? note)
        {
            var r = results ?? [];
            var stateText = note ?? (r.Count == 0 && sourceRows > 0 ? "not run" : "done");
            _entities[(district, entity)] = new EntityOutcome(
                district, entity, sourceRows, r.Sum(x => x.RowsRead), r.Sum(x => x.RowsLoaded), r.Sum(x => x.RowsRejected), r.Sum(x => x.RowsFixed), stateText);
            foreach (var reason in r.Where(x => x.Reasons is not null).SelectMany(x => x.Reasons!))
            {
                _reasons.AddOrUpdate(reason.Key, reason.Value, (_, v) => v + reason.Value);
            }
        }

        private readonly ConcurrentDictionary<string, long> _reasons = new();

        public RunOutcome Outcome(RunExit exit, string? failure, TimeSpan elapsed)
        {
            var entities = _entities.Values.OrderBy(e => e.District, StringComparer.Ordinal).ThenBy(e => e.Entity, StringComparer.Ordinal).ToList();
            return new RunOutcome(
                runId, exit, failure,
                entities.Sum(e => e.RowsRead), entities.Sum(e => e.RowsLoaded), entities.Sum(e => e.RowsRejected), entities.Sum(e => e.RowsFixed),
                elapsed, new Dictionary<string, long>(_reasons), entities);
        }
    }
}
