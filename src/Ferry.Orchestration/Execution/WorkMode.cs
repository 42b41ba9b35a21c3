namespace Ferry.Orchestration.Execution;

/// <summary>
/// How this process runs the work of a full load. <see cref="Simulated"/> is for the benchmark's simulation of many
/// districts only: the run is started and every district planned by the engine as usual (with its bundling), but
/// each work item, load finish, restore and verification is a no-op that reports itself done, so what is measured
/// is the orchestration itself (dispatches, histories) at a scale no test database could feed. Never for a real
/// migration: it copies no row.
/// </summary>
public sealed record WorkMode(bool Simulated)
{
    public static WorkMode Real { get; } = new(false);
}
