namespace Ferry.Core.Configuration;

/// <summary>
/// How much work the durable orchestrator keeps in flight (migration.yaml <c>limits:</c>): at most
/// <see cref="PerSource"/> work items reading one legacy database, and at most <see cref="PerTarget"/> writing one
/// target database. Enforced by the orchestrator itself, whatever the hosts' own concurrency, so adding workers adds
/// throughput without overloading a legacy server.
/// </summary>
public sealed record LimitSettings
{
    public static LimitSettings Default { get; } = new();

    public int PerSource { get; init; } = 2;

    public int PerTarget { get; init; } = 4;
}
