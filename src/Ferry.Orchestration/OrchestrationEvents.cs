namespace Ferry.Orchestration;

/// <summary>The names of the events orchestrations send each other; like <see cref="OrchestrationNames"/>, part of what a history records.</summary>
public static class OrchestrationEvents
{
    /// <summary>
    /// Sent by a run to a district of its own when the limits give the district more work items in flight (another
    /// district finished); its value is the district's new number of slots.
    /// </summary>
    public const string SlotsGranted = "FerrySlotsGranted";
}
