using DurableTask.Core.Command;
using Ferry.Core.Planning;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Steps;
using Ferry.Orchestration.Tests.Support;
using static Ferry.Orchestration.Tests.Support.ScriptedOrchestration;

namespace Ferry.Orchestration.Tests.Flow;

/// <summary>
/// Fewer dispatches between a district's levels (orchestrators version 5): the pending batches of the loads that
/// become ready together are listed in one round trip, and the work item whose batches commit last finishes its load,
/// so the loads that reference it start without a finishing activity in between.
/// </summary>
public sealed class LevelDispatchTests
{
    private static readonly Guid RunId = Guid.Parse("01a23c70-0000-7000-8000-000000000002");
    private const string Run = "01a23c70-0000-7000-8000-000000000002";

    [Fact]
    public void The_pending_batches_of_loads_ready_together_are_listed_in_one_episode()
    {
        var district = District(OrchestrationNames.District);
        var actions = district.StartPlanned(Plan(Load("dbo.A", 3), Load("dbo.B", 3), Load("dbo.C", 3, "dbo.A")));

        Assert.Equal(["dbo.A", "dbo.B"], Listed(actions));
    }

    [Fact]
    public void Version_4_lists_them_one_round_trip_after_another()
    {
        var district = District(OrchestrationNames.DistrictV4);
        var actions = district.StartPlanned(Plan(Load("dbo.A", 3), Load("dbo.B", 3)));

        Assert.Equal(["dbo.A"], Listed(actions));
    }

    [Fact]
    public void Every_work_item_of_a_load_offers_to_finish_it_and_the_last_to_commit_lets_the_next_level_start()
    {
        var district = District(OrchestrationNames.District);
        var actions = district.StartPlanned(Plan(Load("dbo.A", 2), Load("dbo.C", 1, "dbo.A")));
        actions = district.Deliver(Completed(district.Scheduled(OrchestrationNames.PendingWork), new PendingWorkOutput([1, 2])));

        var items = Work(actions);
        Assert.Equal(["d1/dbo.A#1", "d1/dbo.A#2"], items.Select(i => i.Item.ToString()));
        Assert.All(items, i => Assert.Equal(["dbo.A"], i.Finish!));

        // The first item back finds the other's batch pending; the second finishes the load.
        var ids = actions.OfType<ScheduleTaskOrchestratorAction>().Where(a => a.Name == OrchestrationNames.ExecuteWork).Select(a => a.Id).ToList();
        actions = district.Deliver(Completed(ids[0], new WorkOutput(10, 10, 0, 1, 5) { Finished = [] }));
        Assert.Empty(Work(actions));
        actions = district.Deliver(Completed(ids[1], new WorkOutput(10, 10, 0, 1, 5) { Finished = ["dbo.A"] }));

        Assert.DoesNotContain(actions, a => a is ScheduleTaskOrchestratorAction { Name: OrchestrationNames.FinishLoad });
        Assert.Equal(["d1/dbo.C#1"], Work(actions).Select(i => i.Item.ToString()));
    }

    [Fact]
    public void When_no_item_reports_its_load_finished_a_finishing_activity_still_asks()
    {
        var district = District(OrchestrationNames.District);
        district.StartPlanned(Plan(Load("dbo.A", 2), Load("dbo.C", 1, "dbo.A")));
        var actions = district.Deliver(Completed(district.Scheduled(OrchestrationNames.PendingWork), new PendingWorkOutput([1, 2])));
        var ids = actions.OfType<ScheduleTaskOrchestratorAction>().Where(a => a.Name == OrchestrationNames.ExecuteWork).Select(a => a.Id).ToList();

        district.Deliver(Completed(ids[0], new WorkOutput(10, 10, 0, 1, 5) { Finished = [] }));
        actions = district.Deliver(Completed(ids[1], new WorkOutput(10, 10, 0, 1, 5) { Finished = [] }));

        var finish = Assert.Single(actions.OfType<ScheduleTaskOrchestratorAction>(), a => a.Name == OrchestrationNames.FinishLoad);
        Assert.Equal(["dbo.A"], Input<FinishLoadInput>(finish.Input).Entities);
        Assert.Empty(Work(actions));
    }

    [Fact]
    public void Chains_listed_by_the_activity_are_dispatched_as_one_work_item_each()
    {
        var district = District(OrchestrationNames.District);
        district.StartPlanned(Plan(Load("dbo.A", 9)));
        var actions = district.Deliver(Completed(district.Scheduled(OrchestrationNames.PendingWork),
            new PendingWorkOutput([1, 2, 3, 4, 5, 6, 7, 8, 9]) { Chains = BatchChains.Split([1, 2, 3, 4, 5, 6, 7, 8, 9], spread: 4, batchSize: 50_000) }));

        Assert.Equal(["d1/dbo.A#1-3", "d1/dbo.A#4-6"], Work(actions).Select(i => i.Item.ToString()));
    }

    private static ScriptedOrchestration District(string name) =>
        new(name, InstanceIds.District(Run, "d1"), new DistrictInput(Run, RunId, "d1", new RunScope(null, null), Slots: 2, Attempts: 3, HistoryBudget: 450));

    private static DistrictPlan Plan(params PlannedLoad[] loads) => new(RunId, "d1", Guid.Empty, loads);

    private static PlannedLoad Load(string entity, int batches, params string[] prerequisites) => new(entity, "t", batches, batches, 100 * batches, prerequisites);

    /// <summary>The loads whose pending batches this episode asks for.</summary>
    private static IReadOnlyList<string> Listed(IReadOnlyList<OrchestratorAction> actions) =>
        actions.OfType<ScheduleTaskOrchestratorAction>().Where(a => a.Name == OrchestrationNames.PendingWork)
            .Select(a => Input<PendingWorkInput>(a.Input).Entity).ToList();

    private static IReadOnlyList<WorkInput> Work(IReadOnlyList<OrchestratorAction> actions) =>
        actions.OfType<ScheduleTaskOrchestratorAction>().Where(a => a.Name == OrchestrationNames.ExecuteWork).Select(a => Input<WorkInput>(a.Input)).ToList();
}
