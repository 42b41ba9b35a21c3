namespace Ferry.Orchestration.Steps;

/// <summary>
/// What a district tells its run about its slots (<see cref="OrchestrationEvents.SlotDemand"/>): how many it hands
/// back (<see cref="Returned"/>, idle with nothing queued) and how many more work items it could start now
/// (<see cref="Wanted"/>, 0 when it wants none).
/// </summary>
public sealed record SlotDemand(string District, int Returned, int Wanted);
