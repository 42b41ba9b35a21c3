namespace Ferry.Core.Configuration;

/// <summary>
/// Leases (migration.yaml <c>leases:</c>): how long a run's or a district's lease lasts without a heartbeat. A process
/// that dies stops renewing it, and after <see cref="Ttl"/> the lease no longer blocks anyone; a holder renews every
/// third of it.
/// </summary>
public sealed record LeaseSettings
{
    public static LeaseSettings Default { get; } = new();

    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(60);
}
