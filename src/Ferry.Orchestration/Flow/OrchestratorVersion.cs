namespace Ferry.Orchestration.Flow;

/// <summary>
/// Where the registered versions of the orchestrators decide differently. A replay must make the decisions its
/// history recorded, so an orchestration started by version 1 runs version 1's rules to its end, on this build too.
/// Version 1: a district starts only when its full slots fit (<see cref="DistrictAdmission.Admit"/>), and each group
/// of loads is finished by an activity of its own after its work. Version 2: the limits' room is shared out among the
/// waiting districts (<see cref="DistrictAdmission.Share"/>), and a group of one work item (a bundle, a load of one
/// batch) finishes its loads in that same activity, one dispatch instead of two. Version 3: when a district finishes,
/// the room it leaves goes to the districts still loading (<see cref="DistrictAdmission.Grow"/>, sent to each as
/// <see cref="OrchestrationEvents.SlotsGranted"/>), so the run keeps its limits' worth of work in flight to the end.
/// Version 4: slots follow the work across districts: once no district waits to start, a district hands back the
/// slots it leaves idle and asks for more when work queues (<see cref="OrchestrationEvents.SlotDemand"/>), and the run
/// lends the room it holds to those asking (<see cref="DistrictAdmission.Lend"/>, <see cref="OrchestrationEvents.SlotsLent"/>).
/// Version 5: fewer dispatches between a district's levels: the pending batches of every load that becomes ready are
/// listed side by side (one round trip instead of one per load), and every work item of a load finishes the load if
/// its batches are the last to commit, so a load of several items needs no activity of its own to be finished.
/// </summary>
internal sealed record OrchestratorVersion(int Number, string District)
{
    public static OrchestratorVersion V1 { get; } = new(1, OrchestrationNames.DistrictV1);

    public static OrchestratorVersion V2 { get; } = new(2, OrchestrationNames.DistrictV2);

    public static OrchestratorVersion V3 { get; } = new(3, OrchestrationNames.DistrictV3);

    public static OrchestratorVersion V4 { get; } = new(4, OrchestrationNames.DistrictV4);

    public static OrchestratorVersion V5 { get; } = new(5, OrchestrationNames.District);

    public bool SharesSlots => Number >= 2;

    public bool FinishesInWork => Number >= 2;

    public bool GrowsSlots => Number == 3;

    public bool LendsSlots => Number >= 4;

    public bool ListsTogether => Number >= 5;

    public bool FinishesInEveryItem => Number >= 5;
}
