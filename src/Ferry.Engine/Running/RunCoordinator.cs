using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Core.Configuration;
using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Engine.Logging;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Telemetry;
using Ferry.Engine.Work;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Engine.Running;

/// <summary>
/// <c>dm run</c>'s orchestrator: drives the unit-of-work steps of <see cref="MigrationEngine"/> in this process. Every
/// district is planned, then work starts as <see cref="WorkSchedule"/> allows (a load after the loads it references,
/// in its district), batches and bundles sharing <see cref="MigrationConfig.Parallelism"/> slots. When every load is
/// done, the deferred constraints are restored (if no other run still loads) and the run is finished. A rerun of the
/// same scope resumes: loads already finished are skipped and pending batches continue. Never throws for a failed
/// batch: the outcome says what failed; the run is marked failed with its reason and running again resumes. The
/// engine's log events go to <paramref name="loggers"/> (none when null), in the run's scope.
/// </summary>
public sealed class RunCoordinator(IRunObserver observer, ILoggerFactory? loggers = null)
{
    private readonly ILogger _log = (loggers ?? NullLoggerFactory.Instance).CreateLogger(EngineLog.Category);

    public async Task<RunOutcome> RunAsync(MigrationContext context, RunOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var activity = FerryTelemetry.Source.StartActivity("ferry.run");
        activity?.SetTag(FerryTelemetry.Tags.DryRun, options.DryRun);
        await using var engine = await MigrationEngine.OpenAsync(context, cancellationToken, observer.Message, options, loggers);
        var ticket = await engine.StartRunAsync(
            new RunRequest { DryRun = options.DryRun, KeepIndexes = options.KeepIndexes, AcceptSourceChange = options.AcceptSourceChange },
            cancellationToken);
        var state = new RunState(ticket.RunId);
        activity?.SetTag(FerryTelemetry.Tags.RunId, ticket.RunId);
        string? failure = null;
        try
        {
            observer.RunStarted(ticket.RunId, ticket.Resumed, options.DryRun);
            foreach (var line in engine.Notes.Concat(ticket.Messages))
            {
                observer.Message(line);
            }

            await ScheduleAsync(engine, context, options, state, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && !IsDefect(e))
        {
            failure = Failure(null, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Aborted after a clean stop was asked for (a second Ctrl+C or SIGTERM): the batches in flight rolled back,
            // and the run is stopped like any other; aborted without one, it failed.
            if (options.Stop.IsCancellationRequested && state.Failure is null)
            {
                state.Stopped = true;
            }
            else
            {
                failure = state.Failure ?? "interrupted";
            }
        }

        failure ??= state.Failure;
        var exit = failure is not null ? RunExit.Failed : state.Stopped ? RunExit.Stopped : RunExit.Completed;
        if (exit == RunExit.Completed && !options.DryRun)
        {
            try
            {
                foreach (var restored in await engine.RestoreAsync(ticket.RunId, CancellationToken.None, observer.PhaseChanged))
                {
                    Report(restored);
                }
            }
            catch (Exception e) when (!IsDefect(e))
            {
                // Every batch is committed; what is left is listed in ferry.dropped_index / dropped_constraint and
                // the next run to complete restores it.
                failure = $"building deferred indexes and restoring foreign keys failed: {MigrationEngine.Describe(e)}";
                exit = RunExit.Failed;
            }
        }

        if (!options.DryRun)
        {
            var runState = exit switch { RunExit.Completed => "completed", RunExit.Stopped => "stopped", _ => "failed" };
            try
            {
                await engine.FinishRunAsync(ticket.RunId, runState, failure, CancellationToken.None);
            }
            catch (Exception e) when (!IsDefect(e))
            {
                // The target may be gone: the original failure (if any) is the news; the run's lease lapses by itself.
                failure ??= $"the run could not be marked {runState}: {MigrationEngine.Describe(e)}";
                exit = failure is null ? exit : RunExit.Failed;
            }
        }

        if (failure is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure);
        }

        observer.PhaseChanged(RunPhase.Done, 0, 0);
        var outcome = state.Outcome(exit, failure, clock.Elapsed);

        // Only around the run's own last events: a scope held for the whole run would come first in the scopes of
        // every line a caller's observer logs from the same factory.
        using var scope = LogScopes.Begin(_log, ticket.RunId);
        if (failure is not null)
        {
            EngineLog.RunFailed(_log, ticket.RunId, failure);
        }

        EngineLog.RunFinished(
            _log, ticket.RunId, exit.ToString().ToLowerInvariant(), outcome.Elapsed.TotalSeconds, outcome.RowsRead, outcome.RowsLoaded, outcome.RowsRejected);
        return outcome;
    }

    private void Report(RestoreResult restored)
    {
        var name = restored.Target;
        observer.Message(restored.OthersLoading
            ? $"target {name}: other runs are still loading; the last to finish restores and validates foreign keys"
            : $"target {name}: " + (restored.IndexedTables > 0 ? $"indexes of {restored.IndexedTables} table(s) built, " : "") + "foreign keys restored and validated" +
                (restored.Moved > 0 ? $"; {restored.Moved} row(s) without a parent or with a duplicated key moved to quarantine" : ""));
        if (restored.Waiting.Count > 0)
        {
            observer.Message($"target {name}: {restored.Waiting.Count} foreign key(s) stay deferred until their parents are loaded: {string.Join(", ", restored.Waiting.Take(5))}{(restored.Waiting.Count > 5 ? ", ..." : "")}");
        }
    }

    private async Task ScheduleAsync(MigrationEngine engine, MigrationContext context, RunOptions options, RunState state, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(options.Parallelism ?? context.Config.Parallelism);
        // Every district is planned before the first batch, so the totals (and the ETA) are known from the start.
        var planned = 0;
        observer.PhaseChanged(RunPhase.Planning, 0, context.Districts.Count);
        var plans = await Task.WhenAll(context.Districts.Select(async d =>
        {
            await slots.WaitAsync(abort.Token);
            try
            {
                var plan = await engine.PlanDistrictAsync(state.RunId, d.Id, options.DryRun, abort.Token);
                observer.PhaseChanged(RunPhase.Planning, Interlocked.Increment(ref planned), context.Districts.Count);
                return plan;
            }
            finally
            {
                slots.Release();
            }
        }));

        foreach (var plan in plans)
        {
            foreach (var load in plan.Loads)
            {
                if (load.Loaded)
                {
                    observer.LoadSkipped(plan.District, load.Entity, "already loaded");
                    state.Record(plan.District, load.Entity, load.PlannedRows, null, "loaded earlier");
                }
                else
                {
                    observer.LoadPlanned(plan.District, load.Entity, load.PlannedRows, load.Batches, load.PendingBatches);
                }
            }
        }

        observer.PhaseChanged(RunPhase.Loading, 0, 0);
        var finished = plans.ToDictionary(p => p.District, _ => new HashSet<string>(StringComparer.Ordinal));
        var started = plans.ToDictionary(p => p.District, _ => new HashSet<string>(StringComparer.Ordinal));
        var running = new Dictionary<Task<bool>, (DistrictPlan Plan, WorkGroup Group)>();
        while (true)
        {
            if (!state.Stopped && state.Failure is null)
            {
                foreach (var plan in plans)
                {
                    foreach (var group in WorkSchedule.Ready(plan, finished[plan.District], started[plan.District]))
                    {
                        started[plan.District].Add(group.Key);
                        running[GroupAsync(engine, plan, group, options, state, slots, abort.Token)] = (plan, group);
                    }
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Keys);
            var (donePlan, doneGroup) = running[done];
            running.Remove(done);
            try
            {
                if (await done)
                {
                    finished[donePlan.District].UnionWith(doneGroup.Entities);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Aborted: let every group in flight roll back before the run is marked.
                state.Stopped = true;
            }
            catch (Exception e) when (!IsDefect(e))
            {
                state.Failure ??= Failure((donePlan.District, doneGroup), e);
                await abort.CancelAsync();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Runs a group's pending work items in free slots, then finishes its loads; false when the run stops first. A
    /// batch another process is executing (same run, started twice) is skipped here: its load finishes when that
    /// process commits it, or, should that process die, when this one runs it after all.
    /// </summary>
    private async Task<bool> GroupAsync(MigrationEngine engine, DistrictPlan plan, WorkGroup group, RunOptions options, RunState state, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var results = new ConcurrentBag<(BatchDescriptor Batch, BatchResult Result)>();
        var remaining = group.Entities.ToList();
        while (true)
        {
            var items = await engine.PendingWorkAsync(plan, group, options.DryRun, cancellationToken);
            var outcomes = await Task.WhenAll(items.Select(async item =>
            {
                await slots.WaitAsync(cancellationToken);
                try
                {
                    if (options.Stop.IsCancellationRequested || (options.Deadline is { } deadline && DateTimeOffset.Now >= deadline))
                    {
                        state.Stopped = true;
                        return false;
                    }

                    var work = await engine.ExecuteAsync(item, options.DryRun, cancellationToken);
                    foreach (var (batch, result) in work.Batches)
                    {
                        results.Add((batch, result));
                        observer.BatchCompleted(batch, result);
                    }

                    return true;
                }
                finally
                {
                    slots.Release();
                }
            }));

            foreach (var entity in group.Entities)
            {
                var load = plan.Load(entity);
                state.Record(plan.District, entity, load.PlannedRows, results.Where(r => r.Batch.Entity == entity).Select(r => r.Result).ToList(), null);
            }

            if (outcomes.Any(o => !o))
            {
                return false;
            }

            foreach (var entity in remaining.ToList())
            {
                var finish = await engine.FinishLoadAsync(plan.RunId, plan.District, entity, options.DryRun, cancellationToken);
                if (!finish.Finished)
                {
                    continue;
                }

                remaining.Remove(entity);
                if (finish.Note is not null)
                {
                    observer.Message(finish.Note);
                }

                observer.LoadCompleted(plan.District, entity);
            }

            if (remaining.Count == 0)
            {
                return true;
            }

            // Some batch is being committed by another process of this run: look again shortly.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static string Failure((string District, WorkGroup Group)? where, Exception e)
    {
        var place = where is { } w ? $"district {w.District}, {(w.Group.Bundle is null ? "entity " + w.Group.Entities[0] : $"entities {string.Join(", ", w.Group.Entities.Take(3))}{(w.Group.Entities.Count > 3 ? ", ..." : "")}")}: " : "";
        return place + (e is OperationCanceledException ? "cancelled after another failure" : MigrationEngine.Describe(Innermost(e)));
    }

    /// <summary>The database's own error, not a wrapper's.</summary>
    private static Exception Innermost(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Innermost(a.InnerExceptions[0]) : e;

    /// <summary>Programming errors are not outcomes: they surface as such.</summary>
    private static bool IsDefect(Exception e) => e is NullReferenceException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException;

    /// <summary>Mutable state shared by the loads of one run.</summary>
    private sealed class RunState(Guid runId)
    {
        private readonly ConcurrentDictionary<(string, string), EntityOutcome> _entities = new();
        private readonly ConcurrentDictionary<string, long> _reasons = new();

        public Guid RunId => runId;

        public volatile bool Stopped;

        public string? Failure;

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
