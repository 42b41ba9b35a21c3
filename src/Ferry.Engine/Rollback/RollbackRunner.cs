using System.Diagnostics;
using Ferry.Core.Configuration;
using Ferry.Core.Rollback;
using Ferry.Engine.Running;
using Ferry.Engine.Work;

namespace Ferry.Engine.Rollback;

/// <summary>How a local rollback ended, with its plan (what it found to undo) and, when it completed, its outcome.</summary>
public sealed record RollbackResult(Guid? OperationId, bool Resumed, RunExit Exit, string? Message, RollbackPlan Plan, RollbackOutcome? Outcome, TimeSpan Elapsed);

/// <summary>
/// The rollback as one process runs it (what <c>dm rollback</c> calls): plan without writing (refusals come out here,
/// before anything is written), begin, plan again under the leases and record it, execute the steps one after another
/// while a keeper renews the leases, finish. A stop request ends it at a step boundary; a failure ends it with the
/// step and the database's message. Either way everything committed stays, and running again resumes.
/// </summary>
public static class RollbackRunner
{
    public static async Task<RollbackResult> RunAsync(
        RollbackScope scope, RollbackRequest request, bool dryRun, Action<string> report, CancellationToken stop, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        RollbackPlan plan;
        Guid operationId;
        bool resumed;
        try
        {
            plan = await RollbackPlanner.PlanAsync(scope, request, null, cancellationToken);
            if (dryRun)
            {
                return new RollbackResult(null, false, RunExit.Completed, null, plan, null, clock.Elapsed);
            }

            (operationId, resumed) = await RollbackOperation.BeginAsync(scope, request, LeaseKeeper.Holder, cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or IOException)
        {
            // Nothing was recorded yet: there is no operation to mark failed.
            return new RollbackResult(null, false, RunExit.Failed, Describe(e), new RollbackPlan(null, request.RunId, [], [], []), null, clock.Elapsed);
        }

        report($"rollback {operationId} {(resumed ? "resumed" : "started")}: run {request.RunId}");
        await using var keeper = new LeaseKeeper(scope.Targets.Names.Select(n => scope.Targets[n]).ToList(), scope.Config.Leases.Ttl);
        await keeper.HoldAsync(operationId, cancellationToken);
        RollbackStep? current = null;
        try
        {
            plan = await RollbackPlanner.PlanAsync(scope, request, operationId, cancellationToken);
            foreach (var d in plan.Districts)
            {
                report(d.Runs.Count == 0
                    ? $"district {d.District}: nothing of run {request.RunId} left to undo"
                    : $"district {d.District} (tenant {d.Tenant}): undoing run(s) {string.Join(", ", d.Runs.Reverse())}, newest first; {plan.Steps.Count(s => s.District == d.District)} step(s) to go");
            }

            var remaining = plan.Steps.GroupBy(Group).ToDictionary(g => g.Key, g => g.Count());
            var rows = new Dictionary<(string, string, RollbackStepKind), long>();
            foreach (var step in plan.Steps)
            {
                if (stop.IsCancellationRequested)
                {
                    await RollbackOperation.AbandonAsync(scope, operationId, "stopped", "stopped at a step boundary", CancellationToken.None);
                    return new RollbackResult(operationId, resumed, RunExit.Stopped, null, plan, null, clock.Elapsed);
                }

                current = step;
                var outcome = await RollbackExecutor.ExecuteAsync(scope, step, cancellationToken);
                var key = Group(step);
                rows[key] = rows.GetValueOrDefault(key) + outcome.Rows;
                if (--remaining[key] == 0 && step.Kind != RollbackStepKind.Bookkeeping)
                {
                    report($"district {step.District} {step.Entity}: {Describe(step.Kind, rows[key])}");
                }
            }

            current = null;
            var finished = await RollbackOperation.FinishAsync(scope, operationId, cancellationToken);
            return new RollbackResult(operationId, resumed, RunExit.Completed, null, plan, finished, clock.Elapsed);
        }
        catch (ConfigException e)
        {
            // Refused when planned again under the leases (the target changed since the first look).
            await RollbackOperation.AbandonAsync(scope, operationId, "failed", e.Message, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RollbackOperation.AbandonAsync(scope, operationId, "stopped", "interrupted", CancellationToken.None);
            return new RollbackResult(operationId, resumed, RunExit.Stopped, null, plan, null, clock.Elapsed);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            var message = (current is null ? "" : $"district {current.District}, entity {current.Entity} ({current.Kind.ToString().ToLowerInvariant()}): ") + Describe(e);
            await RollbackOperation.AbandonAsync(scope, operationId, "failed", message, CancellationToken.None);
            return new RollbackResult(operationId, resumed, RunExit.Failed, message, plan, null, clock.Elapsed);
        }
        finally
        {
            keeper.Release(operationId);
        }
    }

    private static string Describe(Exception e) => e is Npgsql.PostgresException pg ? $"{pg.MessageText} ({pg.SqlState})" : e.Message;

    private static (string, string, RollbackStepKind) Group(RollbackStep step) => (step.District, step.Entity, step.Kind);

    private static string Describe(RollbackStepKind kind, long rows) => kind switch
    {
        RollbackStepKind.Detach => $"{rows:N0} cycle reference(s) cleared before deleting",
        RollbackStepKind.Delete => $"{rows:N0} row(s) deleted",
        RollbackStepKind.Restore => $"{rows:N0} row(s) restored from before-images",
        _ => $"{rows:N0} cycle reference(s) restored",
    };
}
