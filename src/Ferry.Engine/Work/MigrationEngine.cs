using Ferry.Core.Configuration;
using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Logging;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.Engine.Telemetry;
using Ferry.Postgres.Control;
using Ferry.Postgres.Target;
using Ferry.Postgres.Target.Constraints;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;

namespace Ferry.Engine.Work;

/// <summary>
/// The unit-of-work API of a full load: the steps any process holding the configuration can run, in this order,
/// each idempotent and safe to deliver twice. <see cref="StartRunAsync"/> starts or resumes the run of the context's
/// scope (leases, registration, deferred constraints); <see cref="PlanDistrictAsync"/> plans a district's loads and
/// records them; <see cref="ExecuteAsync"/> runs one <see cref="WorkItem"/> (a batch or a bundle of small entities)
/// in one transaction that commits with its checkpoint, retrying transient faults; <see cref="FinishLoadAsync"/>
/// marks a load done; <see cref="RestoreAsync"/> builds deferred indexes and restores foreign keys once no other run
/// holds the database; <see cref="FinishRunAsync"/> records the outcome and gives up the leases. <c>dm run</c> calls
/// them in process (<see cref="RunCoordinator"/>); the durable orchestrator calls them as activities on many workers.
/// Failures throw; a <see cref="ConfigException"/> (including <see cref="DistrictBusyException"/>) means nothing was
/// written and the request must change. Each step logs its events (category <c>Ferry.Engine</c>) in scopes naming the
/// run, district, entity and work item (see <see cref="LogScopes"/>).
/// </summary>
public sealed class MigrationEngine : IAsyncDisposable
{
    private readonly MigrationContext _context;
    private readonly TargetDatabases _targets;
    private readonly Dictionary<string, RunStore> _stores;
    private readonly LeaseKeeper _leases;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _bookkeeping;
    private readonly LoadContexts _loads;
    private readonly ParentKeyCache _parentKeys = new();
    private readonly BatchExecutor _executor = new();
    private readonly Dictionary<string, DryRunPlan> _dryRuns = [];
    private readonly Action<string> _message;
    private readonly HashSet<Guid> _keepIndexes = [];
    private readonly ILogger _log;

    private MigrationEngine(MigrationContext context, TargetDatabases targets, IReadOnlyList<string> notes, Action<string>? message, RunOptions? options, ILogger log)
    {
        _context = context;
        _targets = targets;
        Notes = notes;
        _log = log;
        _message = message ?? (_ => { });
        _stores = targets.Names.ToDictionary(n => n, n => new RunStore(targets[n]));
        _leases = new LeaseKeeper(targets.Heartbeats, context.Config.Leases.Ttl);
        _retry = RetryPolicy.Create(context.Config.Retries, TransientSource, (e, attempt, delay) =>
        {
            FerryTelemetry.Retries.Add(1);
            EngineLog.Retrying(_log, attempt, context.Config.Retries.Attempts, delay.TotalSeconds, Describe(e));
            _message($"transient fault, attempt {attempt} of {context.Config.Retries.Attempts} in {delay.TotalSeconds:0.#} s: {Describe(e)}");
        });
        // A run's outcome must be recorded even when its work may not be retried: a restarting target gets a few
        // seconds whatever retries: says.
        _bookkeeping = RetryPolicy.Create(
            context.Config.Retries with { Attempts = Math.Max(context.Config.Retries.Attempts, 6), BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(5) },
            TransientSource);
        _loads = new LoadContexts(context, n => _stores[n], _parentKeys, options?.ValueFault);
    }

    /// <summary>Lines for the operator found while opening (source checks: accepted locking reads, untracked tables).</summary>
    public IReadOnlyList<string> Notes { get; }

    public MigrationContext Context => _context;

    /// <summary>
    /// Opens the target databases of the context and checks, before anything is written, that every table in scope
    /// exists with the mapped column types and that the sources can be read as configured; then applies the
    /// toolkit's own schema. <paramref name="message"/> receives lines as work goes (retries) for a display;
    /// <paramref name="loggers"/> receives the engine's log events (none when null).
    /// </summary>
    public static async Task<MigrationEngine> OpenAsync(
        MigrationContext context, CancellationToken cancellationToken, Action<string>? message = null, RunOptions? options = null, ILoggerFactory? loggers = null)
    {
        var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken, ensureControlSchema: false);
        try
        {
            await RequireTargetTablesAsync(context, targets, cancellationToken);
            var reading = await SourceChecks.BeforeReadingAsync(context, load: true, cancellationToken);
            await targets.EnsureControlSchemaAsync(cancellationToken);
            var log = (loggers ?? NullLoggerFactory.Instance).CreateLogger(EngineLog.Category);
            return new MigrationEngine(context, targets, context.Warnings.Concat(reading.Lines).ToList(), message, options, log);
        }
        catch
        {
            await targets.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the run of the context's scope, or resumes the unfinished run of the same scope (same id). Refuses
    /// (nothing written) a configuration that contradicts a district's registration, or a district another live
    /// operation holds. Takes the run's and the districts' leases, records the registrations, and defers the foreign
    /// keys (and the indexes of tables loaded from empty) of the tables it will load.
    /// </summary>
    public async Task<RunTicket> StartRunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await Registrations.CheckAsync(_context, _targets, request.AcceptSourceChange, cancellationToken);
        var districtIds = _context.Districts.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        var entityNames = _context.Entities.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        if (request.DryRun)
        {
            return new RunTicket(Guid.CreateVersion7(), false, true, []);
        }

        var first = _stores[_targets.Names.First()];
        var existing = await first.FindResumableRunAsync(districtIds, entityNames, cancellationToken);
        var runId = existing ?? request.RunId ?? Guid.CreateVersion7();
        foreach (var name in _targets.Names)
        {
            if ((await Leases.AcquireDistrictsAsync(_targets[name], runId, districtIds, LeaseKeeper.Holder, _context.Config.Leases.Ttl, cancellationToken)) is [var held, ..])
            {
                throw new DistrictBusyException(held.District, held.HeldBy, held.Holder);
            }
        }

        foreach (var store in _stores.Values)
        {
            await store.CreateOrResumeRunAsync(runId, districtIds, entityNames, cancellationToken);
        }

        await _leases.HoldAsync(runId, cancellationToken);
        using var scope = LogScopes.Begin(_log, runId);
        EngineLog.RunStarted(_log, runId, existing is null ? "started" : "resumed", districtIds.Length, entityNames.Length);
        var messages = new List<string>();
        foreach (var moved in await Registrations.RecordAsync(_context, _targets, runId, cancellationToken))
        {
            var facts = _context.Facts[moved];
            messages.Add($"district {moved}: legacy database {facts.Database} on {facts.Server} accepted as restored or failed over; its new fingerprint {facts.Fingerprint} is recorded");
        }

        if (request.KeepIndexes)
        {
            _keepIndexes.Add(runId);
        }

        messages.AddRange(await DeferAsync(runId, cancellationToken));
        if (existing is null)
        {
            messages.AddRange(await Deltas.ChangeCaptureSetup.LoadWarningsAsync(_context, cancellationToken));
        }

        return new RunTicket(runId, existing is not null, false, messages);
    }

    /// <summary>
    /// Plans every load in scope of one district (counts and key bounds from the source, or the catalog's estimate for
    /// a small table, which then loads in one piece; orphans searched where the source does not enforce a reference;
    /// small loads bundled) and records the plan, or reads back the plan already recorded. Loads an earlier run
    /// finished come back marked <see cref="PlannedLoad.Loaded"/>.
    /// </summary>
    public async Task<DistrictPlan> PlanDistrictAsync(Guid runId, string districtId, bool dryRun, CancellationToken cancellationToken)
    {
        using var activity = FerryTelemetry.Source.StartActivity("ferry.plan_district");
        activity?.SetTag(FerryTelemetry.Tags.RunId, runId);
        activity?.SetTag(FerryTelemetry.Tags.District, districtId);
        using var scope = LogScopes.Begin(_log, runId, districtId);
        var district = _context.Config.District(districtId);
        var recorded = new Dictionary<string, LoadRow>(StringComparer.Ordinal);
        foreach (var store in _stores.Values)
        {
            foreach (var (entity, row) in await store.LoadsAsync(district.Tenant, cancellationToken))
            {
                recorded[entity] = row;
            }
        }

        var fresh = _context.Entities.Where(e => dryRun || !recorded.ContainsKey(e.Name)).ToList();
        var planned = await PlanLoadsAsync(runId, district, fresh, cancellationToken);
        var bundled = Bundling.Assign(planned.Select(p => Planned(p.Record, p.Entity, null)).ToList(), _context.Config.BatchSize, 64)
            .ToDictionary(l => l.Entity, l => l.Bundle, StringComparer.Ordinal);
        var records = planned.Select(p => p.Record with { Bundle = bundled[p.Record.Entity] }).ToList();
        if (dryRun)
        {
            lock (_dryRuns)
            {
                _dryRuns[districtId] = new DryRunPlan(records.ToDictionary(r => r.Entity, StringComparer.Ordinal));
            }

            return Logged(new DistrictPlan(runId, districtId, district.Tenant, _context.Entities.Select(e => Planned(records.First(r => r.Entity == e.Name), e, null)).ToList()));
        }

        foreach (var group in records.GroupBy(r => _context.Entities.First(e => e.Name == r.Entity).Target))
        {
            await _stores[group.Key].SavePlanAsync(group.ToList(), cancellationToken);
        }

        // The recorded plan is the truth: another process may have recorded some loads first. One read per target
        // database, not per entity.
        var readBack = new Dictionary<string, IReadOnlyDictionary<string, LoadRow>>();
        foreach (var name in _context.Entities.Select(e => e.Target).Distinct())
        {
            readBack[name] = await _stores[name].LoadsAsync(district.Tenant, cancellationToken);
        }

        var loads = new List<PlannedLoad>();
        foreach (var entity in _context.Entities)
        {
            var row = readBack[entity.Target].GetValueOrDefault(entity.Name)
                ?? throw new InvalidOperationException($"district {districtId}, entity {entity.Name}: the plan was recorded but cannot be read back");
            loads.Add(new PlannedLoad(entity.Name, entity.Target, row.Batches, row.Pending, row.SourceRows, Prerequisites(entity), row.RunId == runId ? row.Bundle : null, row.State == "loaded"));
        }

        return Logged(new DistrictPlan(runId, districtId, district.Tenant, loads));
    }

    private DistrictPlan Logged(DistrictPlan plan)
    {
        EngineLog.DistrictPlanned(
            _log, plan.District, plan.Loads.Count, plan.Loads.Where(l => !l.Loaded).Sum(l => l.PendingBatches), plan.Loads.Sum(l => l.PlannedRows), plan.Loads.Count(l => l.Loaded));
        return plan;
    }

    /// <summary>The work items of a group that still have work: pending batches of one load, or its bundle.</summary>
    public async Task<IReadOnlyList<WorkItem>> PendingWorkAsync(DistrictPlan plan, WorkGroup group, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            return group.Bundle is null ? plan.WorkOf(group) : group.Entities.SelectMany(e => plan.WorkOf(new WorkGroup([e], null))).ToList();
        }

        if (group.Bundle is not null)
        {
            return group.Entities.Any(e => plan.Load(e).PendingBatches > 0) ? plan.WorkOf(group) : [];
        }

        var load = plan.Load(group.Entities[0]);
        var pending = await _stores[load.Target].PendingBatchesAsync(plan.Tenant, load.Entity, cancellationToken);
        return pending.Select(b => WorkItem.ForBatch(plan.RunId, plan.District, plan.Tenant, load.Target, load.Entity, b.BatchNo)).ToList();
    }

    /// <summary>
    /// Executes one work item: its batch (or every pending batch of its bundle) read from the source, mapped and
    /// written with its quarantine and checkpoint in one target transaction, which commits only while the run's lease
    /// is live. Transient faults are retried (see <see cref="RetrySettings"/>); a lapsed lease is taken back (and what
    /// was restored meanwhile deferred again) before the item runs again. Batches done already are skipped.
    /// </summary>
    public async Task<WorkResult> ExecuteAsync(WorkItem item, bool dryRun, CancellationToken cancellationToken)
    {
        using var activity = FerryTelemetry.Source.StartActivity("ferry.work_item");
        activity?.SetTag(FerryTelemetry.Tags.RunId, item.RunId);
        activity?.SetTag(FerryTelemetry.Tags.District, item.District);
        activity?.SetTag(FerryTelemetry.Tags.Entity, item.Entity);
        activity?.SetTag(FerryTelemetry.Tags.Batch, item.BatchNo);
        activity?.SetTag(FerryTelemetry.Tags.DryRun, dryRun);
        var name = item.ToString();
        using var scope = LogScopes.Begin(_log, item.RunId, item.District, item.Entity, name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var result = await ExecuteWorkAsync(item, dryRun, cancellationToken);
            foreach (var (batch, batchResult) in result.Batches)
            {
                FerryTelemetry.Record(batch, batchResult, dryRun);
            }

            activity?.SetTag(FerryTelemetry.Tags.Rows, result.RowsRead);
            Log(name, result, clock.Elapsed);
            return result;
        }
        catch (Exception e)
        {
            FerryTelemetry.Fail(activity, e);
            if (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                EngineLog.WorkItemFailed(_log, name, Describe(e));
            }

            throw;
        }
    }

    private void Log(string name, WorkResult result, TimeSpan elapsed)
    {
        var quarantined = result.Batches.Sum(b => b.Result.RowsRejected);
        EngineLog.WorkItemDone(_log, name, result.Batches.Count, result.RowsRead, result.RowsLoaded, quarantined, elapsed.TotalSeconds);
        if (quarantined > 0 && _log.IsEnabled(LogLevel.Warning))
        {
            var reasons = result.Batches.Where(b => b.Result.Reasons is not null).SelectMany(b => b.Result.Reasons!)
                .GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Sum(r => r.Value)}");
            EngineLog.RowsQuarantined(_log, name, quarantined, string.Join(", ", reasons));
        }
    }

    private async Task<WorkResult> ExecuteWorkAsync(WorkItem item, bool dryRun, CancellationToken cancellationToken)
    {
        if (item.IsChain)
        {
            // Each batch of a chain is a work item of its own to the retries and the lease: a fault in one does not
            // redo the ones committed before it, and their figures stay in the result.
            var batches = new List<(BatchDescriptor, BatchResult)>();
            foreach (var link in item.Links())
            {
                batches.AddRange((await ExecuteWorkAsync(link, dryRun, cancellationToken)).Batches);
            }

            return new WorkResult(batches);
        }

        if (dryRun)
        {
            return await ExecuteDryAsync(item, cancellationToken);
        }

        if (!_leases.Holds(item.RunId))
        {
            await _leases.HoldAsync(item.RunId, cancellationToken);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (_leases.Lapsed(item.RunId))
                {
                    throw new LeaseLostException(item.RunId);
                }

                return await _retry.ExecuteAsync(async token => await ExecuteOnceAsync(item, token), cancellationToken);
            }
            catch (LeaseLostException) when (attempt < 2)
            {
                await RecoverLeaseAsync(item.RunId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// This process stops renewing the run's lease (and with it the run's district leases) until it works on the run
    /// again. For a durable host's worker with no work of the run in flight: a run whose orchestration was
    /// terminated must not stay leased for as long as the worker lives; its leases lapse after their time to live.
    /// </summary>
    public void ReleaseLease(Guid runId) => _leases.Release(runId);

    /// <summary>
    /// Marks a load finished once none of its batches is pending, and then checks its change position is still
    /// usable. Asking while batches are still pending (another work item of the load is committing) changes nothing
    /// and costs two statements: a durable worker asks after each work item of a load, and the last one finishes it.
    /// </summary>
    public async Task<LoadFinish> FinishLoadAsync(Guid runId, string districtId, string entityName, bool dryRun, CancellationToken cancellationToken)
    {
        using var scope = LogScopes.Begin(_log, runId, districtId, entityName);
        if (dryRun)
        {
            _loads.Drop(districtId, entityName);
            EngineLog.LoadFinished(_log, districtId, entityName);
            return new LoadFinish(true, null);
        }

        var district = _context.Config.District(districtId);
        var entity = _context.Entities.First(e => e.Name == entityName);
        var store = _stores[entity.Target];
        var finished = await _retry.ExecuteAsync(async token => await store.CompleteLoadAsync(district.Tenant, entityName, token), cancellationToken);
        var load = await store.GetLoadAsync(district.Tenant, entityName, cancellationToken);
        if (!finished && load?.State != "loaded")
        {
            return new LoadFinish(false, null);
        }

        // The load's context (its orphans, its parents' keys) is not needed by any batch of it any more.
        _loads.Drop(districtId, entityName);
        EngineLog.LoadFinished(_log, districtId, entityName);
        var note = await SourceChecks.ChangePositionAsync(district, entity.Source, load?.ChangePosition, cancellationToken);
        if (note is not null)
        {
            EngineLog.Note(_log, note);
        }

        return new LoadFinish(true, note);
    }

    /// <summary>
    /// In every target database: builds the deferred indexes and restores and validates the deferred foreign keys,
    /// unless another run still holds a live lease there. Each step commits on its own, so it can be redone.
    /// <paramref name="progress"/> hears the phase (building indexes, validating foreign keys) with n of m done.
    /// </summary>
    public async Task<IReadOnlyList<RestoreResult>> RestoreAsync(Guid runId, CancellationToken cancellationToken, Action<RunPhase, int, int>? progress = null)
    {
        using var activity = FerryTelemetry.Source.StartActivity("ferry.restore");
        activity?.SetTag(FerryTelemetry.Tags.RunId, runId);
        using var scope = LogScopes.Begin(_log, runId);
        var results = new List<RestoreResult>();
        foreach (var name in _targets.Names)
        {
            // Another process of this run may still be committing its last batches: it restores when it is done.
            if (await _stores[name].HasPendingBatchesAsync(runId, cancellationToken))
            {
                EngineLog.RestoreLeftToOthers(_log, name);
                results.Add(new RestoreResult(name, true, 0, 0, []));
                continue;
            }

            EngineLog.Restoring(_log, name);
            var manager = new ConstraintManager(_targets[name], _context.Mappings, _context.Config.Policies);
            var moved = await manager.RestoreAsync(runId, cancellationToken, progress);
            if (moved is null)
            {
                EngineLog.RestoreLeftToOthers(_log, name);
            }
            else
            {
                EngineLog.Restored(_log, name, manager.IndexedTables, moved.Value, manager.Waiting.Count);
            }

            results.Add(new RestoreResult(name, moved is null, manager.IndexedTables, moved ?? 0, manager.Waiting));
        }

        return results;
    }

    /// <summary>Records how the run ended (<c>completed</c>, <c>stopped</c>, <c>failed</c>) and gives up its leases.</summary>
    public async Task FinishRunAsync(Guid runId, string state, string? message, CancellationToken cancellationToken)
    {
        _leases.Release(runId);
        foreach (var name in _targets.Names)
        {
            await _bookkeeping.ExecuteAsync(async token =>
            {
                await _stores[name].FinishRunAsync(runId, state, message, token);
                await Leases.ReleaseAsync(_targets[name], runId, token);
            }, cancellationToken);
        }

        using var scope = LogScopes.Begin(_log, runId);
        EngineLog.RunRecorded(_log, runId, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _leases.DisposeAsync();
        await _targets.DisposeAsync();
    }

    private async Task<WorkResult> ExecuteOnceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var store = _stores[item.Target];
        if (item.Bundle is { } bundle)
        {
            var members = new List<(LoadContext, BatchDescriptor)>();
            foreach (var batch in await store.BundleAsync(item.RunId, item.Tenant, bundle, cancellationToken))
            {
                members.Add((await _loads.GetAsync(item.District, batch.Entity, cancellationToken), batch));
            }

            return new WorkResult(await Task.Run(() => _executor.ExecuteTogetherAsync(members, item.RunId, cancellationToken), cancellationToken));
        }

        var descriptor = await store.BatchAsync(item.Tenant, item.Entity!, item.BatchNo!.Value, cancellationToken)
            ?? throw new InvalidOperationException($"work item {item}: no such batch is recorded");
        var loadContext = await _loads.GetAsync(item.District, item.Entity!, cancellationToken);
        var result = await Task.Run(() => _executor.ExecuteAsync(loadContext, descriptor, item.RunId, dryRun: false, cancellationToken), cancellationToken);
        return new WorkResult(result is null ? [] : [(descriptor, result)]);
    }

    private async Task<WorkResult> ExecuteDryAsync(WorkItem item, CancellationToken cancellationToken)
    {
        DryRunPlan plan;
        lock (_dryRuns)
        {
            plan = _dryRuns[item.District];
        }

        var record = plan.Loads[item.Entity!];
        var batch = record.Batches.First(b => b.BatchNo == item.BatchNo);
        var loadContext = await plan.ContextAsync(item.Entity!, () => DryContextAsync(item, cancellationToken));
        var result = await Task.Run(() => _executor.ExecuteAsync(loadContext, batch, null, dryRun: true, cancellationToken), cancellationToken);
        return new WorkResult(result is null ? [] : [(batch, result)]);
    }

    /// <summary>A dry run records nothing, so its contexts find their orphans here, as planning would have.</summary>
    private async Task<LoadContext> DryContextAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var district = _context.Config.District(item.District);
        var entity = _context.Entities.First(e => e.Name == item.Entity);
        var schema = _context.Schema(item.District);
        var search = await LoadPlanner.SearchOrphansAsync(_context.Config, district, entity, _context.Mappings, schema, cancellationToken);
        var orphans = await LoadPlanner.OrphanIndexAsync(
            _context.Config, district, entity, _context.Mappings,
            search.Missing.GroupBy(m => m.Reference).ToDictionary(g => g.Key, g => g.Select(m => m.Parent).ToHashSet()),
            search.ByKey.ToHashSet(),
            _ => Task.FromResult(new HashSet<Guid>()),
            _parentKeys, schema, cancellationToken);
        return new LoadContext(entity, district, SourceAdapters.For(district.Source.Provider), _targets[entity.Target], _context.Config, orphans,
            schema, _context.Mappings, _context.Facts.GetValueOrDefault(item.District));
    }

    /// <summary>Plans the given loads of a district, each in parallel up to the configured parallelism.</summary>
    private async Task<IReadOnlyList<(LoadPlanRecord Record, EntityMapping Entity)>> PlanLoadsAsync(
        Guid runId, DistrictSettings district, IReadOnlyList<EntityMapping> entities, CancellationToken cancellationToken)
    {
        var schema = _context.Schema(district.Id);
        var position = entities.Count == 0 ? null : await ChangePositionAsync(district, cancellationToken);
        using var slots = new SemaphoreSlim(Math.Max(1, _context.Config.Parallelism));
        var plans = entities.Select(async entity =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var search = LoadPlanner.SearchOrphansAsync(_context.Config, district, entity, _context.Mappings, schema, cancellationToken);
                var estimate = schema.Find(entity.Source)?.EstimatedRows ?? 0;
                var plan = SmallTable(estimate) && !HasNullableConfiguredKey(entity)
                    ? new LoadPlanner.Plan(estimate, position, [new BatchDescriptor(runId, district.Id, district.Tenant, entity.Name, 1, null, null)])
                    : await LoadPlanner.PlanAsync(runId, district, entity, _context.Config.BatchSize, cancellationToken, schema);
                var orphans = await search;
                var record = new LoadPlanRecord(
                    runId, district.Id, district.Tenant, entity.Name, plan.SourceRows, SmallTable(estimate) && !HasNullableConfiguredKey(entity), plan.ChangePosition ?? position,
                    plan.Batches, null, orphans.Missing, orphans.ByKey);
                return (record, entity);
            }
            finally
            {
                slots.Release();
            }
        });
        return await Task.WhenAll(plans);
    }

    // A table the catalog says is small loads in one piece, planned without reading it: a stale estimate only makes
    // that one batch bigger. An estimate of 0 may mean "never analysed", so such a table is counted.
    private bool SmallTable(long estimate) => estimate > 0 && estimate <= _context.Config.BatchSize / 4;

    private static bool HasNullableConfiguredKey(EntityMapping entity) =>
        entity.KeyOrigin == KeyOrigin.Configured && entity.Key.Any(k => entity.Column(k).Nullable);

    private static async Task<string?> ChangePositionAsync(DistrictSettings district, CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        return await adapter.ReadChangePositionAsync(connection, cancellationToken);
    }

    private IReadOnlyList<string> Prerequisites(EntityMapping entity)
    {
        var inScope = _context.Entities.Select(e => e.Source).ToHashSet();
        return _context.Order.Prerequisites[entity.Source].Where(inScope.Contains).Select(p => p.ToString()).ToList();
    }

    private PlannedLoad Planned(LoadPlanRecord record, EntityMapping entity, int? bundle) =>
        new(record.Entity, entity.Target, record.Batches.Count, record.Batches.Count, record.SourceRows, Prerequisites(entity), bundle ?? record.Bundle);

    /// <summary>
    /// Defers, for the run, the foreign keys of the tables it loads and the indexes of those that hold no rows yet,
    /// unless nothing is left to load there. Also what a run whose lease lapsed does again: another run may have put
    /// them back meanwhile.
    /// </summary>
    private async Task<IReadOnlyList<string>> DeferAsync(Guid runId, CancellationToken cancellationToken)
    {
        var messages = new List<string>();
        foreach (var name in _targets.Names)
        {
            var inTarget = _context.Entities.Where(e => e.Target == name).ToList();
            if (inTarget.Count == 0
                || await _stores[name].AllLoadedAsync(_context.Districts.Select(d => d.Tenant).ToList(), inTarget.Select(e => e.Name).ToList(), cancellationToken))
            {
                continue;
            }

            var manager = new ConstraintManager(_targets[name], _context.Mappings, _context.Config.Policies);
            var (foreignKeys, indexes) = await manager.DeferAsync(runId, inTarget, _keepIndexes.Contains(runId), cancellationToken);
            if (foreignKeys + indexes > 0)
            {
                EngineLog.Deferred(_log, name, foreignKeys, indexes);
            }

            if (foreignKeys > 0)
            {
                messages.Add($"target {name}: {foreignKeys} foreign key(s) deferred until the load ends");
            }

            if (indexes > 0)
            {
                messages.Add($"target {name}: {indexes} index(es) of tables loaded from empty deferred; built once when the load ends");
            }
        }

        return messages;
    }

    private async Task RecoverLeaseAsync(Guid runId, CancellationToken cancellationToken)
    {
        await _leases.HoldAsync(runId, cancellationToken);
        EngineLog.LeaseTakenBack(_log, runId);
        foreach (var line in await DeferAsync(runId, cancellationToken))
        {
            _message($"run {runId}: its lease had lapsed and another run restored constraints meanwhile; {line}");
        }
    }

    private bool TransientSource(Exception e) =>
        _context.Districts.Select(d => d.Source.Provider).Distinct().Any(p => SourceAdapters.For(p).IsTransient(e));

    public static string Describe(Exception e) => e switch
    {
        PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        _ => e.Message,
    };

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

    /// <summary>A dry run's plan and contexts, kept in this process only.</summary>
    private sealed class DryRunPlan(Dictionary<string, LoadPlanRecord> loads)
    {
        private readonly Dictionary<string, Task<LoadContext>> _contexts = [];

        public Dictionary<string, LoadPlanRecord> Loads => loads;

        public Task<LoadContext> ContextAsync(string entity, Func<Task<LoadContext>> build)
        {
            lock (_contexts)
            {
                if (!_contexts.TryGetValue(entity, out var context))
                {
                    _contexts[entity] = context = build();
                }

                return context;
            }
        }
    }
}
