using Ferry.Orchestration.Status;

namespace Ferry.Orchestration.Steps;

/// <summary>
/// A district sub-orchestration's input: the run, the district, how many work items it keeps in flight
/// (<see cref="Slots"/>), how often a failed work item runs in all (<see cref="Attempts"/>), and the activities one
/// generation of its history may schedule before it continues as new (<see cref="HistoryBudget"/>).
/// <see cref="Carried"/> is the progress of the earlier generations, so the status keeps counting across them.
/// <see cref="AsksForSlots"/>: the district may hand back idle slots and ask its run for more (version 4, once no
/// district waits to start).
/// </summary>
public sealed record DistrictInput(
    string Instance,
    Guid RunId,
    string District,
    RunScope Scope,
    int Slots,
    int Attempts,
    int HistoryBudget,
    DistrictSummary? Carried = null,
    DateTime? StartedAt = null,
    int Generation = 0,
    bool AsksForSlots = false);

/// <summary>How a district's load ended (a district that failed fails its sub-orchestration instead, with the reason).</summary>
public sealed record DistrictOutcome(string District, DistrictSummary Summary, int Generations);
