namespace Ferry.Orchestration;

/// <summary>The names of the events orchestrations send each other; like <see cref="OrchestrationNames"/>, part of what a history records.</summary>
public static class OrchestrationEvents
{
    /// <summary>
    /// Sent by a version 3 run to a district of its own when the limits give the district more work items in flight
    /// (another district finished); its value is the district's new number of slots.
    /// </summary>
    public const string SlotsGranted = "FerrySlotsGranted";

    /// <summary>
    /// Sent by a version 4 district to its run: the slots it hands back and the work items it has waiting for a slot
    /// (a <see cref="Steps.SlotDemand"/>). The latest demand of a district replaces the one before.
    /// </summary>
    public const string SlotDemand = "FerrySlotDemand";

    /// <summary>
    /// Sent by a version 4 run to a district of its own: the number of slots it lends the district on top of those it
    /// holds; 0 tells a district started while others waited to start that it may now ask.
    /// </summary>
    public const string SlotsLent = "FerrySlotsLent";
}
