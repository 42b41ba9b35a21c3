using Ferry.Core.Configuration;
using Ferry.Core.Rollback;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Rollback;

/// <summary>
/// The life of a rollback operation, which is recorded as a run of kind 'rollback': begin (take the districts' leases,
/// record or resume the operation), then plan and execute its steps (<see cref="RollbackPlanner"/>,
/// <see cref="RollbackExecutor"/>), then finish (record the runs and districts rolled back, clear registrations no run
/// needs any more, release the leases), or abandon. Each call is idempotent.
/// </summary>
public static class RollbackOperation
{
    /// <summary>
    /// Takes the leases of the request's districts for the operation (the unfinished operation of the same run and
    /// districts is resumed, keeping its id), then records it. A district held by another live operation is refused
    /// with <see cref="ConfigException"/> naming it, and nothing is written then.
    /// </summary>
    public static async Task<(Guid OperationId, bool Resumed)> BeginAsync(RollbackScope scope, RollbackRequest request, string holder, CancellationToken cancellationToken)
    {
        var (run, districts) = await RollbackPlanner.ResolveAsync(scope, request, cancellationToken);
        var names = districts.ToArray();
        var first = scope.Targets[scope.Targets.Names.First()];
        var resumed = await RollbackLedger.FindResumableAsync(first, run.RunId, names, cancellationToken);
        var operationId = resumed ?? Guid.CreateVersion7();
        var ttl = scope.Config.Leases.Ttl;
        foreach (var target in scope.Targets.Names)
        {
            if (await Leases.AcquireDistrictsAsync(scope.Targets[target], operationId, names, holder, ttl, cancellationToken) is [var held, ..])
            {
                foreach (var other in scope.Targets.Names)
                {
                    await Leases.ReleaseAsync(scope.Targets[other], operationId, CancellationToken.None);
                }

                throw new ConfigException(
                    $"district {held.District} is held by run {held.HeldBy} ({held.Holder}); wait until it finishes, or until its lease expires (leases.ttl {ttl.TotalSeconds:0} s) if it was killed");
            }
        }

        foreach (var target in scope.Targets.Names)
        {
            await Leases.AcquireRunAsync(scope.Targets[target], operationId, holder, ttl, cancellationToken);
            await RollbackLedger.StartAsync(scope.Targets[target], operationId, run.RunId, names, cancellationToken);
        }

        return (operationId, resumed is not null);
    }

    /// <summary>
    /// Once every step is done: marks the runs and districts rolled back (a run as a whole once all its districts are),
    /// clears the registration of each district that has nothing left in any target database, completes the operation
    /// and releases its leases. Throws while a step is still pending.
    /// </summary>
    public static async Task<RollbackOutcome> FinishAsync(RollbackScope scope, Guid operationId, CancellationToken cancellationToken)
    {
        var marked = new List<(Guid, string)>();
        var rows = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var target in scope.Targets.Names)
        {
            marked.AddRange(await RollbackLedger.MarkRolledBackAsync(scope.Targets[target], operationId, cancellationToken));
            foreach (var (step, _, count) in await RollbackLedger.StepsAsync(scope.Targets[target], target, operationId, null, cancellationToken))
            {
                var (deleted, restored) = rows.GetValueOrDefault(step.District);
                rows[step.District] = step.Kind switch
                {
                    RollbackStepKind.Delete => (deleted + count, restored),
                    RollbackStepKind.Restore => (deleted, restored + count),
                    _ => (deleted, restored),
                };
            }
        }

        var unregistered = new List<string>();
        foreach (var district in marked.Select(m => m.Item2).Distinct().Order(StringComparer.Ordinal))
        {
            var tenants = new HashSet<Guid>();
            foreach (var target in scope.Targets.Names)
            {
                if (await RollbackReads.RegisteredTenantAsync(scope.Targets[target], district, cancellationToken) is { } t)
                {
                    tenants.Add(t);
                }
            }

            var left = false;
            foreach (var target in scope.Targets.Names)
            {
                foreach (var tenant in tenants)
                {
                    left |= await RollbackReads.TenantHasWorkAsync(scope.Targets[target], tenant, cancellationToken);
                }
            }

            if (tenants.Count > 0 && !left)
            {
                foreach (var target in scope.Targets.Names)
                {
                    await RollbackLedger.ClearRegistrationAsync(scope.Targets[target], district, cancellationToken);
                }

                unregistered.Add(district);
            }
        }

        foreach (var target in scope.Targets.Names)
        {
            await RollbackLedger.EndAsync(scope.Targets[target], operationId, "completed", null, cancellationToken);
            await Leases.ReleaseAsync(scope.Targets[target], operationId, cancellationToken);
        }

        return new RollbackOutcome(operationId, marked.Distinct().ToList(), rows, unregistered);
    }

    /// <summary>Records the operation as failed or stopped (with why) and releases its leases; running it again resumes it.</summary>
    public static async Task AbandonAsync(RollbackScope scope, Guid operationId, string state, string? message, CancellationToken cancellationToken)
    {
        foreach (var target in scope.Targets.Names)
        {
            await RollbackLedger.EndAsync(scope.Targets[target], operationId, state, message, cancellationToken);
            await Leases.ReleaseAsync(scope.Targets[target], operationId, cancellationToken);
        }
    }
}
