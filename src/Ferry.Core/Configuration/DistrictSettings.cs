namespace Ferry.Core.Configuration;

/// <summary>
/// One legacy district: its short id, the tenant it becomes, and its source database. <see cref="DeltaSchedule"/> is
/// the cron expression (five fields, UTC) on which a durable host starts the district's delta; null: never on a timer.
/// </summary>
public sealed record DistrictSettings(string Id, Guid Tenant, SourceSettings Source)
{
    public string? DeltaSchedule { get; init; }
}
