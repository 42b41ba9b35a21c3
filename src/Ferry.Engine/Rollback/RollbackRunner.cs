using System.Diagnostics;
using Ferry.Core.Configuration;
using Ferry.Core.Rollback;
using Ferry.Engine.Logging;
using Ferry.Engine.Running;
using Ferry.Engine.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Engine.Rollback;

/// <summary>How a local rollback ended, with its plan (what it found to undo) and, when it completed, its outcome.</summary>
public sealed record RollbackResult(Guid? OperationId, bool Resumed, RunExit Exit, string? Message, RollbackPlan Plan, RollbackOutcome? Outcome, TimeSpan Elapsed);

/// <summary>
/// The rollback as one process runs it (what <c>dm rollback</c> calls): plan without writing (refusals come out here,
/// before anything is written), begin, plan again under the leases and record it, execute the steps in order (the
/// steps of one entity and kind side by side, up to the configuration's parallelism) while a keeper renews the leases,
/// finish. A stop request ends it at a step boundary; a failure ends it with the
/// step and the database's message. Either way everything committed stays, and running again resumes.
/// </summary>
public static class RollbackRunner
{
    public static async Task<RollbackResult> RunAsync(
        RollbackScope scope, RollbackRequest request, bool dryRun, Action<string> report, CancellationToken stop, CancellationToken cancellationToken, ILogger? logger = null)
    {
        // Every line the operator reads is a log event too, in the scope of the run being rolled back.
        var log = logger ?? NullLogger.Instance;
        using var logScope = LogScopes.Begin(log, request.RunId);
        var shown = report;
        report = line =>
        {
            EngineLog.Note(log, line);
            shown(line);
        };
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
        await using var keeper = new LeaseKeeper(scope.Targets.Heartbeats, scope.Config.Leases.Ttl);
        await keeper.HoldAsync(operationId, cancellationToken);
        RollbackStep? failed = null;
        try
        {
            plan = await RollbackPlanner.PlanAsync(scope, request, operationId, cancellationToken);
            foreach (var d in plan.Districts)
            {
                report(d.Runs.Count == 0
                    ? $"district {d.District}: nothing of run {request.RunId} left to undo"
                    : $"district {d.District} (tenant {d.Tenant}): undoing run(s) {string.Join(", ", d.Runs.Reverse())}, newest first; {plan.Steps.Count(s => s.District == d.District)} step(s) to go");
            }

            // Steps of one entity and kind cover disjoint id ranges of one table, so they run side by side (up to
            // parallelism at once); the next entity or kind waits for them, which keeps children before parents.
            var groups = new List<List<RollbackStep>>();
            foreach (var step in plan.Steps)
            {
                if (groups.Count == 0 || Group(groups[^1][0]) != Group(step) || groups[^1][0].Target != step.Target)
                {
                    groups.Add([]);
                }

                groups[^1].Add(step);
            }

            foreach (var group in groups)
            {
                long rows = 0;
                var stopped = false;
                await Parallel.ForEachAsync(
                    group,
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, scope.Config.Parallelism), CancellationToken = cancellationToken },
                    async (step, token) =>
                    {
                        if (stop.IsCancellationRequested)
                        {
                            stopped = true;
                            return;
                        }

                        try
                        {
                            Interlocked.Add(ref rows, (await RollbackExecutor.ExecuteAsync(scope, step, token)).Rows);
                        }
                        catch (Exception) when (!token.IsCancellationRequested)
                        {
                            Interlocked.CompareExchange(ref failed, step, null);
                            throw;
                        }
                    });
                if (stopped)
                {
                    await RollbackOperation.AbandonAsync(scope, operationId, "stopped", "stopped at a step boundary", CancellationToken.None);
                    return new RollbackResult(operationId, resumed, RunExit.Stopped, null, plan, null, clock.Elapsed);
                }

                if (group[0].Kind != RollbackStepKind.Bookkeeping)
                {
                    report($"district {group[0].District} {group[0].Entity}: {Describe(group[0].Kind, rows)}");
                }
            }

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
            var message = (failed is null ? "" : $"district {failed.District}, entity {failed.Entity} ({failed.Kind.ToString().ToLowerInvariant()}): ") + Describe(e);
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
