using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Rollback;
using Ferry.Engine.Running;
using Ferry.Engine.Work;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Rollback;

/// <summary>
/// The first part of <c>dm run --entity PATTERN --reload</c>: deletes the tenant's rows of the entities in scope
/// (children first, cycles detached, in batches each committed with its checkpoint) together with their loads'
/// bookkeeping, keeping all of it as before-images of the run that reloads, so that the run loads them again from
/// scratch with the same UUIDs and a rollback of that run puts everything back. Refused (nothing written) while a
/// loaded entity outside the scope references one of them. The run's id is the one the load that follows resumes:
/// the run is recorded with the load's exact scope. Returns that run id, and the failure when the deletion failed
/// (everything committed stays; running again resumes the deletion).
/// </summary>
public static class EntityReload
{
    public static async Task<(Guid RunId, string? Failure)> PrepareAsync(MigrationContext context, RunOptions options, Action<string> report, CancellationToken cancellationToken)
    {
        await using var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken);
        await Registrations.CheckAsync(context, targets, options.AcceptSourceChange, cancellationToken);
        var districtIds = context.Districts.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        var entityNames = context.Entities.Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        var stores = targets.Names.ToDictionary(n => n, n => new RunStore(targets[n]));
        var runId = await stores.Values.First().FindResumableRunAsync(districtIds, entityNames, cancellationToken) ?? Guid.CreateVersion7();

        // Everything is read and checked before anything is written.
        var work = new List<(string Target, TenantUndo Undo, bool Recorded)>();
        foreach (var target in targets.Names)
        {
            var db = targets[target];
            foreach (var district in context.Districts)
            {
                if ((await RollbackLedger.StepsAsync(db, target, runId, district.Tenant, cancellationToken)).Count > 0)
                {
                    work.Add((target, new TenantUndo(target, district.Id, district.Tenant, [], []), true));
                    continue;
                }

                var owners = await RollbackReads.LoadOwnersAsync(db, district.Tenant, cancellationToken);
                var reloaded = context.Entities.Where(e => e.Target == target && owners.TryGetValue(e.Name, out var owner) && owner != runId).ToList();
                if (reloaded.Count == 0)
                {
                    continue;
                }

                var scope = reloaded.Select(e => e.Source).ToHashSet();
                var children = DependentChildren.Remaining(context.Mappings, scope, owners.Keys.Select(TableName.Parse));
                if (children.Count > 0)
                {
                    var names = children.Select(c => c.Child).Distinct().ToList();
                    throw new ConfigException(
                        $"--reload: district {district.Id}: " +
                        string.Join("; ", children.GroupBy(c => c.Parent).Select(g => $"{g.Key} is still referenced by loaded {string.Join(", ", g.Select(c => c.Child))}")) +
                        $"; add {(names.Count > 1 ? "those children" : names[0].ToString())} to --entity to reload {(names.Count > 1 ? "them" : "it")} too, or reload only leaf entities");
                }

                var entities = new List<EntityUndo>();
                foreach (var e in reloaded)
                {
                    var rows = await RollbackReads.CountRowsAsync(db, e.TargetSchema, e.TargetTable, district.Tenant, cancellationToken);
                    var chunked = await RollbackReads.HasIdIndexAsync(db, e.TargetSchema, e.TargetTable, cancellationToken);
                    entities.Add(new EntityUndo(e, Owned: true, RestoreFrom: null, rows, 0, Bookkeeping: true, chunked));
                }

                var undo = new TenantUndo(target, district.Id, district.Tenant, reloaded.Select(e => owners[e.Name]).Distinct().Order().ToList(), entities);
                _ = RollbackSequence.Build(undo, runId, 1, context.Config.BatchSize, keepImages: true);
                work.Add((target, undo, false));
            }
        }

        if (work.Count == 0)
        {
            report("reload: nothing of the entities in scope is loaded yet; they load as usual");
            return (runId, null);
        }

        var ttl = context.Config.Leases.Ttl;
        foreach (var target in targets.Names)
        {
            if (await Leases.AcquireDistrictsAsync(targets[target], runId, districtIds, LeaseKeeper.Holder, ttl, cancellationToken) is [var held, ..])
            {
                foreach (var other in targets.Names)
                {
                    await Leases.ReleaseAsync(targets[other], runId, CancellationToken.None);
                }

                throw new ConfigException($"--reload: district {held.District} is held by run {held.HeldBy} ({held.Holder}); wait until it finishes, or until its lease expires if it was killed");
            }
        }

        await using var keeper = new LeaseKeeper(targets.Heartbeats, ttl);
        await keeper.HoldAsync(runId, cancellationToken);
        foreach (var store in stores.Values)
        {
            await store.CreateOrResumeRunAsync(runId, districtIds, entityNames, cancellationToken);
        }

        RollbackStep? current = null;
        try
        {
            var rollbackScope = RollbackScope.For(context, targets);
            foreach (var (target, undo, recorded) in work)
            {
                var db = targets[target];
                if (!recorded)
                {
                    var steps = RollbackSequence.Build(undo, runId, await RollbackLedger.LastStepNoAsync(db, runId, cancellationToken) + 1, context.Config.BatchSize, keepImages: true);
                    await RollbackLedger.RecordPlanAsync(db, runId, [], steps, cancellationToken);
                }

                var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (step, done, rows) in await RollbackLedger.StepsAsync(db, target, runId, undo.Tenant, cancellationToken))
                {
                    current = step;
                    var count = done ? rows : (await RollbackExecutor.ExecuteAsync(rollbackScope, step, cancellationToken)).Rows;
                    if (step.Kind == RollbackStepKind.Delete)
                    {
                        deleted[step.Entity] = deleted.GetValueOrDefault(step.Entity) + count;
                    }
                }

                foreach (var (entity, rows) in deleted.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    report($"district {undo.District} {entity}: {rows:N0} row(s) deleted for the reload, kept as before-images of run {runId}");
                }
            }

            return (runId, null);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            var failure = (current is null ? "--reload" : $"--reload: district {current.District}, entity {current.Entity}") + ": " +
                (e is Npgsql.PostgresException pg ? $"{pg.MessageText} ({pg.SqlState})" : e.Message);
            foreach (var store in stores.Values)
            {
                await store.FinishRunAsync(runId, "failed", failure, CancellationToken.None);
            }

            return (runId, failure);
        }
        finally
        {
            keeper.Release(runId);
            foreach (var target in targets.Names)
            {
                await Leases.ReleaseAsync(targets[target], runId, CancellationToken.None);
            }
        }
    }
}
