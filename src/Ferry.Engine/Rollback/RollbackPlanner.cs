using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Rollback;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Rollback;

/// <summary>
/// Plans a rollback from what the target databases hold now. Per district: the runs it undoes (the run asked for and,
/// with cascade, every later run, delta or reload that still has work for the district), refusing without cascade when
/// there are any; per entity: whether all the tenant's rows go (one of those runs owns the entity's load), which run's
/// before-images it returns to (following the loads reloads replaced), and how many rows are deleted and restored;
/// then the steps (<see cref="RollbackSequence"/>). Refusals are <see cref="ConfigException"/>s, one line each, thrown
/// before anything is written.
/// </summary>
public static class RollbackPlanner
{
    /// <summary>
    /// Computes the plan. With <paramref name="operationId"/> it is also recorded (steps and the runs per district) for
    /// that operation, unless the operation already recorded a plan over the same runs, which is returned as recorded
    /// (its pending steps): planning twice gives the same steps. Without, nothing is written (a dry run).
    /// </summary>
    public static async Task<RollbackPlan> PlanAsync(RollbackScope scope, RollbackRequest request, Guid? operationId, CancellationToken cancellationToken)
    {
        var (run, districts) = await ResolveAsync(scope, request, cancellationToken);
        var undone = new List<DistrictRollback>();
        foreach (var district in districts)
        {
            undone.Add(await RunsToUndoAsync(scope, run, district, request.Cascade, cancellationToken));
        }

        var entities = new List<EntityRollback>();
        var steps = new List<RollbackStep>();
        foreach (var target in scope.Targets.Names)
        {
            var db = scope.Targets[target];
            var tenants = new List<TenantUndo>();
            foreach (var d in undone.Where(d => d.Runs.Count > 0))
            {
                var undo = await TenantUndoAsync(scope, target, run.RunId, d, cancellationToken);
                tenants.Add(undo);
                entities.AddRange(undo.Entities.Select(e => new EntityRollback(d.District, e.Mapping.Name, e.RowsToDelete, e.RowsToRestore)));
            }

            if (operationId is { } op)
            {
                var planned = await RollbackLedger.PlannedRunsAsync(db, op, cancellationToken);
                var existing = await RollbackLedger.StepsAsync(db, target, op, null, cancellationToken);
                var same = undone.All(d => planned.TryGetValue(d.District, out var runs) && runs.SetEquals(Recorded(run.RunId, d)));
                if (same && (existing.Count > 0 || tenants.All(t => t.Entities.Count == 0)))
                {
                    steps.AddRange(existing.Where(s => !s.Done).Select(s => s.Step));
                    continue;
                }

                var first = await RollbackLedger.LastStepNoAsync(db, op, cancellationToken) + 1;
                var fresh = Sequence(tenants, op, first, scope.RowsPerStep);
                await RollbackLedger.RecordPlanAsync(db, op, undone.Select(d => (d.District, d.Tenant, (IReadOnlyList<Guid>)Recorded(run.RunId, d).ToList())).ToList(), fresh, cancellationToken);
                steps.AddRange(fresh);
            }
            else
            {
                steps.AddRange(Sequence(tenants, Guid.Empty, 1, scope.RowsPerStep));
            }
        }

        return new RollbackPlan(operationId, run.RunId, undone, entities, steps);
    }

    /// <summary>The run to roll back and the districts in scope (the run's own when none are named), or a refusal.</summary>
    internal static async Task<(RunRecord Run, IReadOnlyList<string> Districts)> ResolveAsync(RollbackScope scope, RollbackRequest request, CancellationToken cancellationToken)
    {
        RunRecord? run = null;
        foreach (var target in scope.Targets.Names)
        {
            run ??= await RollbackReads.RunAsync(scope.Targets[target], request.RunId, cancellationToken);
        }

        if (run is null)
        {
            throw new ConfigException($"--run {request.RunId}: no such run in the target (dm status lists the runs)");
        }

        if (run.Kind == "rollback")
        {
            throw new ConfigException($"--run {request.RunId}: that is a rollback (of run {run.RollbackOf}), not a run; a rollback is not rolled back: run dm run to load the district again");
        }

        foreach (var d in request.Districts.Where(d => !run.Districts.Contains(d)))
        {
            throw new ConfigException($"--district {d}: not a district of run {run.RunId} (its districts: {string.Join(", ", run.Districts)})");
        }

        var districts = (request.Districts.Count > 0 ? request.Districts : run.Districts).Distinct().Order(StringComparer.Ordinal).ToList();
        return (run, districts);
    }

    /// <summary>The runs recorded as rolled back by the operation for a district: the run asked for, and those undone with it.</summary>
    private static HashSet<Guid> Recorded(Guid runId, DistrictRollback district) => [runId, .. district.Runs];

    private static List<RollbackStep> Sequence(IReadOnlyList<TenantUndo> tenants, Guid operationId, int first, int rowsPerStep)
    {
        var steps = new List<RollbackStep>();
        foreach (var tenant in tenants)
        {
            steps.AddRange(RollbackSequence.Build(tenant, operationId, first + steps.Count, rowsPerStep));
        }

        return steps;
    }

    /// <summary>
    /// The runs to undo for a district, oldest first: the run itself if it still has work there, and every later run
    /// (started after it, or that committed work for the district after it started) that has; those refuse the rollback
    /// without cascade.
    /// </summary>
    private static async Task<DistrictRollback> RunsToUndoAsync(RollbackScope scope, RunRecord run, string district, bool cascade, CancellationToken cancellationToken)
    {
        var tenant = await TenantOfAsync(scope, district, cancellationToken);
        var work = new Dictionary<Guid, RunWork>();
        foreach (var target in scope.Targets.Names)
        {
            foreach (var w in await RollbackReads.RunsWithWorkAsync(scope.Targets[target], tenant, cancellationToken))
            {
                work[w.RunId] = work.TryGetValue(w.RunId, out var seen) && seen.LastCommit > w.LastCommit ? seen : w;
            }
        }

        var later = work.Values
            .Where(w => w.RunId != run.RunId && (w.StartedAt > run.StartedAt || w.LastCommit > run.StartedAt))
            .OrderByDescending(w => w.StartedAt).ThenByDescending(w => w.RunId)
            .ToList();
        if (later.Count > 0 && !cascade)
        {
            throw new ConfigException(
                $"run {run.RunId} cannot be rolled back for district {district}: later run(s) changed its rows since: " +
                string.Join(", ", later.Select(l => $"{l.Kind} {l.RunId} (started {l.StartedAt:yyyy-MM-dd HH:mm:ss})")) +
                "; roll those back first, or add --cascade to roll them back too, newest first");
        }

        var runs = later.Select(l => l.RunId).Reverse().ToList();
        if (work.ContainsKey(run.RunId))
        {
            runs.Insert(0, run.RunId);
        }

        return new DistrictRollback(district, tenant, runs);
    }

    /// <summary>The tenant a district was loaded under: its registration, else the configuration's.</summary>
    private static async Task<Guid> TenantOfAsync(RollbackScope scope, string district, CancellationToken cancellationToken)
    {
        foreach (var target in scope.Targets.Names)
        {
            if (await RollbackReads.RegisteredTenantAsync(scope.Targets[target], district, cancellationToken) is { } registered)
            {
                return registered;
            }
        }

        return scope.Config.Districts.FirstOrDefault(d => d.Id == district)?.Tenant
            ?? throw new ConfigException($"district {district}: neither registered in the target nor configured, so its tenant is unknown");
    }

    /// <summary>What undoing the district's runs means in one target database, entity by entity; refuses deleting from under a child that stays.</summary>
    private static async Task<TenantUndo> TenantUndoAsync(RollbackScope scope, string target, Guid runId, DistrictRollback district, CancellationToken cancellationToken)
    {
        var db = scope.Targets[target];
        var runs = district.Runs;
        var owners = await RollbackReads.LoadOwnersAsync(db, district.Tenant, cancellationToken);
        var replaced = await RollbackReads.ReplacedLoadsAsync(db, district.Tenant, cancellationToken);
        var entities = new List<EntityUndo>();
        foreach (var name in await RollbackReads.TouchedEntitiesAsync(db, district.Tenant, runs, cancellationToken))
        {
            var mapping = scope.Mappings.Find(TableName.Parse(name))
                ?? throw new ConfigException($"district {district.District}: entity {name}, which run(s) {string.Join(", ", runs)} loaded, is not in the mapping, so its target table is unknown");

            // Follow the load back through the runs being undone: each reload among them replaced an older load. The
            // oldest of them that owned the load is the state the entity returns to (its before-images, or nothing).
            Guid? restoreFrom = null;
            var owner = owners.TryGetValue(name, out var o) ? o : (Guid?)null;
            for (var hops = 0; owner is { } current && runs.Contains(current) && hops <= runs.Count; hops++)
            {
                restoreFrom = current;
                owner = replaced.TryGetValue((current, name), out var previous) ? previous : null;
            }

            var eligible = restoreFrom is { } from ? runs.TakeWhile(r => r != from).Append(from).ToList() : runs;
            var (inserted, restored) = await RollbackReads.CountImagesAsync(db, district.Tenant, mapping.TargetSchema, mapping.TargetTable, eligible, cancellationToken);
            var owned = restoreFrom is not null;
            var deleted = owned ? await RollbackReads.CountRowsAsync(db, mapping.TargetSchema, mapping.TargetTable, district.Tenant, cancellationToken) : inserted;
            var chunked = await RollbackReads.HasIdIndexAsync(db, mapping.TargetSchema, mapping.TargetTable, cancellationToken);
            entities.Add(new EntityUndo(mapping, owned, restoreFrom, deleted, restored, Bookkeeping: true, chunked));
        }

        // Rows a delta inserted (an entity whose load is not undone) are referenced only by rows the same deltas wrote,
        // which the rollback restores before deleting them: only entities whose load goes can strand a child.
        var goes = entities.Where(e => e.Owned).Select(e => e.Mapping.Source).ToHashSet();
        var loaded = owners.Keys.Select(TableName.Parse).ToList();
        if (DependentChildren.Remaining(scope.Mappings, goes, loaded) is [var (child, parent), ..])
        {
            var by = owners[child.ToString()];
            throw new ConfigException(
                $"run {runId} cannot be rolled back for district {district.District}: {child} (loaded by run {by}) references {parent}, whose rows the rollback deletes; " +
                $"roll back run {by} with --cascade instead, which covers both");
        }

        return new TenantUndo(target, district.District, district.Tenant, runs, entities);
    }
}
