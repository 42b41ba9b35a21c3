using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Planning;
using Ferry.Engine.Work;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration;

public sealed partial class Activities
{
    /// <summary><see cref="OrchestrationNames.ResolveScope"/>: the districts in scope (an unknown one refused), what each reads and writes, the limits.</summary>
    public async Task<ResolvedScope> ResolveScopeAsync(ResolveInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.ResolveScope, input.Instance, input.Attempt), async () =>
        {
            var cfg = await config.GetAsync(cancellationToken);
            var districts = input.Scope.Districts is { Count: > 0 } chosen ? chosen.Select(cfg.District).ToList() : cfg.Districts.ToList();
            var targets = cfg.Targets.Select(t => t.Name).ToList();
            var resources = districts.Select(d => new DistrictResources(d.Id, SourceKey(d.Source.Connection), targets)).ToList();
            return new ResolvedScope(resources, cfg.Limits.PerSource, cfg.Limits.PerTarget, Math.Max(1, cfg.Retries.ActivityAttempts));
        }, cancellationToken: cancellationToken);
    }

    /// <summary><see cref="OrchestrationNames.StartRun"/>: the engine's <c>StartRun</c>, proposing the instance id as the run id.</summary>
    public async Task<StartedRun> StartRunAsync(StartRunInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.StartRun, input.Instance, input.Attempt, input.ProposedRunId), async () =>
        {
            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            var ticket = await engine.StartRunAsync(new RunRequest { RunId = input.ProposedRunId }, cancellationToken);
            Leave(engine, ticket.RunId, entering: false);
            var targets = engine.Context.Entities.Select(e => e.Target).Distinct().ToList();
            var districts = engine.Context.Districts.Select(d => new DistrictResources(d.Id, SourceKey(d.Source.Connection), targets)).ToList();
            return new StartedRun(ticket.RunId, ticket.Resumed, engine.Notes.Concat(ticket.Messages).ToList(), districts);
        }, cancellationToken: cancellationToken);
    }

    /// <summary><see cref="OrchestrationNames.PlanDistrict"/>: the engine's <c>PlanDistrict</c> (plans, or reads back the recorded plan).</summary>
    public async Task<PlanOutput> PlanDistrictAsync(PlanInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.PlanDistrict, input.Instance, input.Attempt, input.RunId, input.District), async () =>
        {
            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            return new PlanOutput(await engine.PlanDistrictAsync(input.RunId, input.District, dryRun: false, cancellationToken));
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// <see cref="OrchestrationNames.PendingWork"/>: the batches of one load not committed yet, in chains spread over
    /// twice the slots a district may hold (<see cref="BatchChains"/>). Decided here, not in the orchestrator, so the
    /// chains are recorded in the history and a replay dispatches the same work items.
    /// </summary>
    public async Task<PendingWorkOutput> PendingWorkAsync(PendingWorkInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.PendingWork, input.Instance, input.Attempt, input.RunId, input.District, input.Entity), async () =>
        {
            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            var plan = new DistrictPlan(input.RunId, input.District, input.Tenant, [new PlannedLoad(input.Entity, input.Target, 0, 0, 0, [])]);
            var items = await engine.PendingWorkAsync(plan, new WorkGroup([input.Entity], null), dryRun: false, cancellationToken);
            var batches = items.Select(i => i.BatchNo!.Value).ToList();
            var cfg = engine.Context.Config;
            return new PendingWorkOutput(batches) { Chains = BatchChains.Split(batches, 2 * DistrictAdmission.Slots(cfg.Limits), cfg.BatchSize) };
        }, cancellationToken: cancellationToken);
    }

    /// <summary><see cref="OrchestrationNames.ExecuteWork"/>: the engine's <c>Execute</c> of one work item (a batch, or a bundle of small entities).</summary>
    public async Task<WorkOutput> ExecuteWorkAsync(WorkInput input, CancellationToken cancellationToken = default)
    {
        var item = input.Item;
        return await LoggedAsync(Event(OrchestrationNames.ExecuteWork, input.Instance, input.Attempt, item.RunId, item.District, item.Entity, item.ToString()), async () =>
        {
            if (_simulated)
            {
                return new WorkOutput(0, 0, 0, 0, 0) { Finished = input.Finish };
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            Enter(item.RunId);
            WorkResult result;
            try
            {
                result = await engine.ExecuteAsync(item, dryRun: false, cancellationToken);
            }
            finally
            {
                Leave(engine, item.RunId, entering: true);
            }

            var finished = input.Finish is { Count: > 0 } finish ? (await FinishAsync(engine, item.RunId, item.District, finish, cancellationToken)).Finished : null;
            return new WorkOutput(result.RowsRead, result.RowsLoaded, result.Batches.Sum(b => b.Result.RowsRejected), result.Batches.Count, clock.ElapsedMilliseconds) { Finished = finished };
        }, r => r.RowsLoaded, cancellationToken);
    }

    /// <summary><see cref="OrchestrationNames.FinishLoad"/>: the engine's <c>FinishLoad</c> for each load of a group.</summary>
    public async Task<FinishLoadOutput> FinishLoadAsync(FinishLoadInput input, CancellationToken cancellationToken = default)
    {
        var entities = string.Join(",", input.Entities.Take(3)) + (input.Entities.Count > 3 ? ",..." : "");
        return await LoggedAsync(Event(OrchestrationNames.FinishLoad, input.Instance, input.Attempt, input.RunId, input.District, entities), async () =>
        {
            if (_simulated)
            {
                return new FinishLoadOutput(input.Entities, []);
            }

            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            return await FinishAsync(engine, input.RunId, input.District, input.Entities, cancellationToken);
        }, cancellationToken: cancellationToken);
    }

    private static async Task<FinishLoadOutput> FinishAsync(MigrationEngine engine, Guid runId, string district, IReadOnlyList<string> entities, CancellationToken cancellationToken)
    {
        var finished = new List<string>();
        var notes = new List<string>();
        foreach (var entity in entities)
        {
            var finish = await engine.FinishLoadAsync(runId, district, entity, dryRun: false, cancellationToken);
            if (finish.Finished)
            {
                finished.Add(entity);
            }

            if (finish.Note is not null)
            {
                notes.Add(finish.Note);
            }
        }

        return new FinishLoadOutput(finished, notes);
    }

    /// <summary><see cref="OrchestrationNames.Restore"/>: the engine's <c>Restore</c> (deferred indexes built, foreign keys restored and validated).</summary>
    public async Task<RestoreOutput> RestoreAsync(RestoreInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.Restore, input.Instance, input.Attempt, input.RunId), async () =>
        {
            if (_simulated)
            {
                return new RestoreOutput([], false, 0);
            }

            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            var lines = new List<string>();
            var results = await engine.RestoreAsync(input.RunId, cancellationToken);
            foreach (var r in results)
            {
                lines.Add(r.OthersLoading
                    ? $"target {r.Target}: other runs are still loading; the last to finish restores and validates foreign keys"
                    : $"target {r.Target}: " + (r.IndexedTables > 0 ? $"indexes of {r.IndexedTables} table(s) built, " : "") + "foreign keys restored and validated" +
                        (r.Moved > 0 ? $"; {r.Moved} row(s) without a parent or with a duplicated key moved to quarantine" : ""));
                if (r.Waiting.Count > 0)
                {
                    lines.Add($"target {r.Target}: {r.Waiting.Count} foreign key(s) stay deferred until their parents are loaded");
                }
            }

            return new RestoreOutput(lines, results.Any(r => r.OthersLoading), results.Sum(r => r.Moved));
        }, r => r.Moved, cancellationToken);
    }

    /// <summary><see cref="OrchestrationNames.FinishRun"/>: the engine's <c>FinishRun</c> (outcome recorded, leases given up).</summary>
    public async Task<bool> FinishRunAsync(FinishRunInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.FinishRun, input.Instance, input.Attempt, input.RunId), async () =>
        {
            var engine = await engines.GetAsync(input.Scope, cancellationToken);
            await engine.FinishRunAsync(input.RunId, input.State, input.Message, cancellationToken);
            return true;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Work of a run in flight in this process.</summary>
    private void Enter(Guid runId)
    {
        lock (_inFlight)
        {
            _inFlight[runId] = _inFlight.GetValueOrDefault(runId) + 1;
        }
    }

    /// <summary>
    /// When this process has no work of the run left in flight, it stops renewing the run's leases: a run whose
    /// orchestration ended without finishing it (terminated) must not stay leased while the worker lives.
    /// </summary>
    private void Leave(MigrationEngine engine, Guid runId, bool entering)
    {
        lock (_inFlight)
        {
            var left = _inFlight.GetValueOrDefault(runId) - (entering ? 1 : 0);
            if (left > 0)
            {
                _inFlight[runId] = left;
                return;
            }

            _inFlight.Remove(runId);
            engine.ReleaseLease(runId);
        }
    }

    /// <summary>
    /// Names a legacy database for the limits without carrying its connection string (and password) into the
    /// orchestration's history: a digest of it.
    /// </summary>
    private static string SourceKey(string connection) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(connection)))[..16];
}
