using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Status;
using Ferry.Orchestration.Steps;
using Microsoft.DurableTask;

namespace Ferry.Orchestration;

public static partial class Orchestrators
{
    /// <summary>
    /// Activities one generation of a district's history schedules before it continues as new: each costs about three
    /// history events (scheduled, completed, and its share of the replays), so a generation stays under 2,000 events.
    /// </summary>
    public const int DefaultHistoryBudget = 450;

    /// <summary>
    /// One district of a full load (<see cref="OrchestrationNames.District"/>): plans it, then runs its work items as
    /// the engine's scheduling rule allows (a load after the loads it references), at most <see cref="DistrictInput.Slots"/>
    /// at once, finishing each group of loads when its items are done. Once the run lets it ask
    /// (<see cref="DistrictInput.AsksForSlots"/>), it hands back the slots it leaves idle with nothing queued (keeping
    /// one) and asks for more when work items queue (<see cref="OrchestrationEvents.SlotDemand"/>); the run lends
    /// them as the limits allow (<see cref="OrchestrationEvents.SlotsLent"/>). A work item that failed with a transient fault
    /// runs again, up to <see cref="DistrictInput.Attempts"/> times; any other failure stops the district once the
    /// items in flight are done, and fails this sub-orchestration with the work item and the reason (its status says
    /// the same). Past <see cref="DistrictInput.HistoryBudget"/> activities it lets the items in flight finish and
    /// continues as new: the next generation reads the recorded plan back, with the finished loads marked. A group of
    /// one work item (a bundle, a load of one batch) finishes its loads in the same activity; from version 5 every work
    /// item of a group offers to, and the one whose batches commit last does, so the loads it references start next
    /// without a dispatch in between.
    /// </summary>
    public static Task<DistrictOutcome> DistrictAsync(TaskOrchestrationContext context, DistrictInput input) => DistrictAsync(context, input, OrchestratorVersion.V5);

    /// <summary>The previous version of <see cref="DistrictAsync(TaskOrchestrationContext, DistrictInput)"/> (<see cref="OrchestrationNames.DistrictV4"/>), for the districts it started.</summary>
    public static Task<DistrictOutcome> DistrictV4Async(TaskOrchestrationContext context, DistrictInput input) => DistrictAsync(context, input, OrchestratorVersion.V4);

    /// <summary>The third version of <see cref="DistrictAsync(TaskOrchestrationContext, DistrictInput)"/> (<see cref="OrchestrationNames.DistrictV3"/>), for the districts it started.</summary>
    public static Task<DistrictOutcome> DistrictV3Async(TaskOrchestrationContext context, DistrictInput input) => DistrictAsync(context, input, OrchestratorVersion.V3);

    /// <summary>The second version of <see cref="DistrictAsync(TaskOrchestrationContext, DistrictInput)"/> (<see cref="OrchestrationNames.DistrictV2"/>), for the districts it started.</summary>
    public static Task<DistrictOutcome> DistrictV2Async(TaskOrchestrationContext context, DistrictInput input) => DistrictAsync(context, input, OrchestratorVersion.V2);

    /// <summary>The first version of <see cref="DistrictAsync(TaskOrchestrationContext, DistrictInput)"/> (<see cref="OrchestrationNames.DistrictV1"/>), for the districts it started.</summary>
    public static Task<DistrictOutcome> DistrictV1Async(TaskOrchestrationContext context, DistrictInput input) => DistrictAsync(context, input, OrchestratorVersion.V1);

    private static async Task<DistrictOutcome> DistrictAsync(TaskOrchestrationContext context, DistrictInput input, OrchestratorVersion version)
    {
        var startedAt = input.StartedAt ?? context.CurrentUtcDateTime;
        var summary = (input.Carried ?? new DistrictSummary { State = "planning" }) with { State = "planning" };
        context.SetCustomStatus(summary);
        var calls = 1;
        var plan = (await StepCalls.CallAsync<PlanOutput>(context, OrchestrationNames.PlanDistrict, input.Attempts,
            a => new PlanInput(input.Instance, input.RunId, input.District, input.Scope) { Attempt = a })).Plan;
        var plannedRows = plan.Loads.Sum(l => l.PlannedRows);
        // A generation's window starts from the rows carried over, so the rate restarts with it rather than mixing in
        // an average since the district started.
        var window = new RateWindow();
        window.Observe(context.CurrentUtcDateTime - startedAt, summary.RowsLoaded + summary.RowsQuarantined);
        var finished = new HashSet<string>(plan.Loads.Where(l => l.Loaded).Select(l => l.Entity), StringComparer.Ordinal);
        var started = new HashSet<string>(StringComparer.Ordinal);
        var queue = new List<Pending>();
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFlight = new Dictionary<Task<WorkOutput>, Pending>();
        string? failure = null;
        var draining = false;
        var slots = input.Slots;
        var slotEvent = SlotEventName(version) is { } slotEventName ? context.WaitForExternalEvent<int>(slotEventName) : null;
        var asks = version.LendsSlots && input.AsksForSlots;
        var wanting = false;

        summary = summary with { State = "loading", EntitiesPlanned = plan.Loads.Count, EntitiesDone = finished.Count };
        context.SetCustomStatus(summary);

        async Task FinishGroupAsync(WorkGroup group)
        {
            // Only another delivery of one of its items can still be committing: look again a few times.
            for (var look = 0; ; look++)
            {
                calls++;
                var output = await StepCalls.CallAsync<FinishLoadOutput>(context, OrchestrationNames.FinishLoad, input.Attempts,
                    a => new FinishLoadInput(input.Instance, input.RunId, input.District, input.Scope, group.Entities.Where(e => !finished.Contains(e)).ToList()) { Attempt = a });
                finished.UnionWith(output.Finished);
                if (group.Entities.All(finished.Contains))
                {
                    break;
                }

                if (look == 10)
                {
                    failure ??= $"district {input.District}, {group}: batches still pending after every work item completed";
                    break;
                }

                calls++;
                await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            }

            summary = summary with { EntitiesDone = finished.Count };
        }

        while (true)
        {
            while (failure is null && !draining && WorkSchedule.Ready(plan, finished, started) is { Count: > 0 } ready)
            {
                // Version 5 asks for every ready load's pending batches at once: one round trip, not one per load.
                var listed = version.ListsTogether ? ready.Select(g => ItemsAsync(context, input, plan, g)).ToList() : null;
                for (var g = 0; g < ready.Count; g++)
                {
                    var group = ready[g];
                    started.Add(group.Key);
                    var items = await (listed?[g] ?? ItemsAsync(context, input, plan, group));
                    calls += items.Calls;
                    if (items.Items.Count == 0)
                    {
                        await FinishGroupAsync(group);
                        continue;
                    }

                    remaining[group.Key] = items.Items.Count;
                    var finish = version.FinishesInEveryItem || (version.FinishesInWork && items.Items.Count == 1) ? group.Entities : null;
                    queue.AddRange(items.Items.Select(i => new Pending(group, i, 1, finish)));
                }
            }

            while (failure is null && !draining && inFlight.Count < slots && queue.Count > 0)
            {
                var next = queue[0];
                queue.RemoveAt(0);
                calls++;
                inFlight[context.CallActivityAsync<WorkOutput>(OrchestrationNames.ExecuteWork, new WorkInput(input.Instance, input.Scope, next.Item, next.Attempt) { Finish = next.Finish })] = next;
                draining = calls >= input.HistoryBudget;
            }

            if (asks && failure is null && !draining && inFlight.Count > 0)
            {
                // Slots follow the work: ask once while items queue; with nothing queued, hand back the idle slots
                // and withdraw an open request. The slots of the items in flight stay (at least one, so the
                // district's own chain never waits for the run; a district with none in flight has ended).
                var idle = queue.Count == 0 ? slots - inFlight.Count : 0;
                if (queue.Count > 0 && !wanting)
                {
                    context.SendEvent(input.Instance, OrchestrationEvents.SlotDemand, new SlotDemand(input.District, 0, queue.Count));
                    wanting = true;
                }
                else if (queue.Count == 0 && (wanting || idle > 0))
                {
                    slots -= idle;
                    context.SendEvent(input.Instance, OrchestrationEvents.SlotDemand, new SlotDemand(input.District, idle, 0));
                    wanting = false;
                }
            }

            if (inFlight.Count == 0)
            {
                break;
            }

            var first = slotEvent is null ? await Task.WhenAny(inFlight.Keys) : await Task.WhenAny([.. inFlight.Keys, slotEvent]);
            if (first == slotEvent)
            {
                var value = await slotEvent;
                if (version.LendsSlots)
                {
                    slots += value;
                    asks = true;
                    wanting = false;
                }
                else
                {
                    slots = Math.Max(slots, value);
                }

                slotEvent = context.WaitForExternalEvent<int>(SlotEventName(version)!);
                continue;
            }

            var done = (Task<WorkOutput>)first;
            var pending = inFlight[done];
            inFlight.Remove(done);
            try
            {
                var output = await done;
                summary = summary with
                {
                    RowsLoaded = summary.RowsLoaded + output.RowsLoaded,
                    RowsQuarantined = summary.RowsQuarantined + output.RowsRejected,
                };
                finished.UnionWith(output.Finished ?? []);
                if (--remaining[pending.Group.Key] == 0)
                {
                    if (version.FinishesInWork && pending.Group.Entities.All(finished.Contains))
                    {
                        summary = summary with { EntitiesDone = finished.Count };
                    }
                    else
                    {
                        await FinishGroupAsync(pending.Group);
                    }
                }
            }
            catch (TaskFailedException e) when (failure is null && pending.Attempt < input.Attempts && StepCalls.IsTransient(e))
            {
                // The engine waited out its own retries already: the next attempt goes to the front of the queue.
                queue.Insert(0, pending with { Attempt = pending.Attempt + 1 });
            }
            catch (TaskFailedException e)
            {
                failure ??= $"district {input.District}, work item {pending.Item}: {StepCalls.Reason(e)}";
            }

            summary = DistrictProgress.Update(summary, plannedRows, window, context.CurrentUtcDateTime - startedAt);
            context.SetCustomStatus(summary);
        }

        if (failure is not null)
        {
            summary = summary with { State = "failed", Failure = failure, EtaSeconds = null };
            context.SetCustomStatus(summary);
            throw new DistrictFailedException(failure);
        }

        if (finished.Count < plan.Loads.Count && !draining)
        {
            var stuck = plan.Loads.Where(l => !finished.Contains(l.Entity)).Select(l => l.Entity).Take(3);
            failure = $"district {input.District}: loads never became ready ({string.Join(", ", stuck)}): their prerequisites did not finish";
            summary = summary with { State = "failed", Failure = failure, EtaSeconds = null };
            context.SetCustomStatus(summary);
            throw new DistrictFailedException(failure);
        }

        if (finished.Count < plan.Loads.Count)
        {
            if (version.LendsSlots && slotEvent is { IsCompleted: true })
            {
                // Lent while the last items finished: the run counts them as this district's.
                slots += await slotEvent;
            }

            context.ContinueAsNew(input with { Slots = slots, Carried = summary, StartedAt = startedAt, Generation = input.Generation + 1, AsksForSlots = asks });
            return new DistrictOutcome(input.District, summary, input.Generation + 1);
        }

        summary = DistrictProgress.Update(summary with { State = "completed", EntitiesDone = finished.Count }, plannedRows, window, context.CurrentUtcDateTime - startedAt);
        context.SetCustomStatus(summary);
        return new DistrictOutcome(input.District, summary, input.Generation + 1);
    }

    /// <summary>The event a district of <paramref name="version"/> receives slots by, if any.</summary>
    private static string? SlotEventName(OrchestratorVersion version) =>
        version.LendsSlots ? OrchestrationEvents.SlotsLent : version.GrowsSlots ? OrchestrationEvents.SlotsGranted : null;

    /// <summary>
    /// A group's pending work items: its bundle when any member is pending, a load's single batch, or the batches of a
    /// larger load the target still lists as pending, in the chains the activity that lists them chose.
    /// </summary>
    private static async Task<(IReadOnlyList<WorkItem> Items, int Calls)> ItemsAsync(TaskOrchestrationContext context, DistrictInput input, DistrictPlan plan, WorkGroup group)
    {
        if (group.Bundle is not null)
        {
            return (group.Entities.Any(e => plan.Load(e).PendingBatches > 0) ? plan.WorkOf(group) : [], 0);
        }

        var load = plan.Load(group.Entities[0]);
        if (load.PendingBatches == 0 || load.Batches == 1)
        {
            return (load.PendingBatches == 0 ? [] : plan.WorkOf(group), 0);
        }

        // A plan read back (a resumed run, a later generation) may count batches that committed since as pending:
        // the target's checkpoints say which are left, so no committed batch is dispatched again.

        var pending = await StepCalls.CallAsync<PendingWorkOutput>(context, OrchestrationNames.PendingWork, input.Attempts,
            a => new PendingWorkInput(input.Instance, input.Scope, plan.RunId, plan.District, plan.Tenant, load.Target, load.Entity) { Attempt = a });
        var items = pending.Chains is { } chains
            ? chains.Select(c => WorkItem.ForBatches(plan.RunId, plan.District, plan.Tenant, load.Target, load.Entity, c.First, c.Last))
            : pending.Batches.Select(b => WorkItem.ForBatch(plan.RunId, plan.District, plan.Tenant, load.Target, load.Entity, b));
        return (items.ToList(), 1);
    }

    /// <summary>A work item waiting or in flight; <see cref="Finish"/> the loads its activity finishes once none of their batches is pending.</summary>
    private sealed record Pending(WorkGroup Group, WorkItem Item, int Attempt, IReadOnlyList<string>? Finish);
}
