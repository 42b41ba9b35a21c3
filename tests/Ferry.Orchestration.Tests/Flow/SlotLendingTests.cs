using DurableTask.Core.Command;
using Ferry.Core.Planning;
using Ferry.Orchestration.Steps;
using Ferry.Orchestration.Tests.Support;
using static Ferry.Orchestration.Tests.Support.ScriptedOrchestration;

namespace Ferry.Orchestration.Tests.Flow;

/// <summary>
/// Slots follow the work across districts (orchestrators version 4): what a district tells its run about its slots,
/// and what the run lends, decided at the moment each message arrives.
/// </summary>
public sealed class SlotLendingTests
{
    private static readonly Guid RunId = Guid.Parse("01a23c70-0000-7000-8000-000000000001");
    private const string Run = "01a23c70-0000-7000-8000-000000000001";

    private static readonly RunScope Everything = new(null, null);

    [Fact]
    public void A_district_with_nothing_queued_hands_back_its_idle_slots_and_keeps_one()
    {
        var district = District(slots: 3, asks: true);
        var actions = district.StartPlanned(Plan(Load("dbo.School"), Load("dbo.Staff", "dbo.School")));

        Assert.Equal(["dbo.School"], Started(actions));
        var demand = Assert.Single(Sent<SlotDemand>(actions, OrchestrationEvents.SlotDemand));
        Assert.Equal((Run, new SlotDemand("d1", 2, 0)), (demand.Instance, demand.Value));
    }

    [Fact]
    public void A_district_with_work_queued_asks_its_run_once_then_starts_what_it_is_lent()
    {
        var district = District(slots: 1, asks: true);
        var actions = district.StartPlanned(Plan(Load("dbo.A"), Load("dbo.B"), Load("dbo.C")));

        Assert.Equal(["dbo.A"], Started(actions));
        Assert.Equal(new SlotDemand("d1", 0, 2), Assert.Single(Sent<SlotDemand>(actions, OrchestrationEvents.SlotDemand)).Value);

        actions = district.Deliver(Raised(OrchestrationEvents.SlotsLent, 1));

        Assert.Equal(["dbo.B"], Started(actions));
        // The request was answered: one item still queued, so it asks again, for that one.
        Assert.Equal(new SlotDemand("d1", 0, 1), Assert.Single(Sent<SlotDemand>(actions, OrchestrationEvents.SlotDemand)).Value);
    }

    [Fact]
    public void A_district_started_while_others_waited_neither_asks_nor_hands_back_until_the_run_lets_it()
    {
        var district = District(slots: 1, asks: false);
        var actions = district.StartPlanned(Plan(Load("dbo.A"), Load("dbo.B")));

        Assert.Equal(["dbo.A"], Started(actions));
        Assert.Empty(Sent<SlotDemand>(actions, OrchestrationEvents.SlotDemand));

        actions = district.Deliver(Raised(OrchestrationEvents.SlotsLent, 0));

        Assert.Empty(Started(actions));
        Assert.Equal(new SlotDemand("d1", 0, 1), Assert.Single(Sent<SlotDemand>(actions, OrchestrationEvents.SlotDemand)).Value);
    }

    [Fact]
    public void The_run_lends_the_slot_one_district_hands_back_to_the_district_asking()
    {
        // Three slots on the target, at most two per district: d1 starts with two, d2 with one.
        var run = new ScriptedOrchestration(OrchestrationNames.Run, Run, new RunInput { Mode = RunModes.Full });
        run.Start();
        run.Deliver(Completed(run.Scheduled(OrchestrationNames.ResolveScope), new ResolvedScope([Resources("d1"), Resources("d2")], PerSource: 2, PerTarget: 3, Attempts: 3)));
        var actions = run.Deliver(Completed(run.Scheduled(OrchestrationNames.StartRun), new StartedRun(RunId, false, [], [Resources("d1"), Resources("d2")])));

        var districts = actions.OfType<CreateSubOrchestrationAction>().Select(a => Input<DistrictInput>(a.Input)).ToList();
        Assert.Equal([("d1", 2, true), ("d2", 1, true)], districts.Select(d => (d.District, d.Slots, d.AsksForSlots)));

        // d2 asks while the target is full: nothing to lend yet.
        actions = run.Deliver(Raised(OrchestrationEvents.SlotDemand, new SlotDemand("d2", 0, 4)));
        Assert.Empty(Sent<int>(actions, OrchestrationEvents.SlotsLent));

        // d1 hands back the slot it leaves idle: d2 gets it.
        actions = run.Deliver(Raised(OrchestrationEvents.SlotDemand, new SlotDemand("d1", 1, 0)));
        var lent = Assert.Single(Sent<int>(actions, OrchestrationEvents.SlotsLent));
        Assert.Equal((InstanceIds.District(Run, "d2"), 1), (lent.Instance, lent.Value));
    }

    private static ScriptedOrchestration District(int slots, bool asks) =>
        new(OrchestrationNames.District, InstanceIds.District(Run, "d1"),
            new DistrictInput(Run, RunId, "d1", Everything, slots, Attempts: 3, HistoryBudget: 450) { AsksForSlots = asks });

    private static DistrictPlan Plan(params PlannedLoad[] loads) => new(RunId, "d1", Guid.Empty, loads);

    private static PlannedLoad Load(string entity, params string[] prerequisites) => new(entity, "t", 1, 1, 100, prerequisites);

    private static DistrictResources Resources(string district) => new(district, $"source-{district}", ["t"]);

    /// <summary>The entities whose work items this episode starts.</summary>
    private static IReadOnlyList<string?> Started(IReadOnlyList<OrchestratorAction> actions) =>
        actions.OfType<ScheduleTaskOrchestratorAction>().Where(a => a.Name == OrchestrationNames.ExecuteWork)
            .Select(a => Input<WorkInput>(a.Input).Item.Entity).ToList();
}
