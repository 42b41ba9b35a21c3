using Ferry.Core.Quarantine;

namespace Ferry.Core.Configuration;

/// <summary>The whole migration configuration, validated. Built by <see cref="ConfigLoader"/>.</summary>
public sealed record MigrationConfig
{
    /// <summary>The file it came from, for messages.</summary>
    public required string File { get; init; }

    public required IReadOnlyList<TargetSettings> Targets { get; init; }

    /// <summary>The namespace of every derived UUID. Changing it changes every id: fix it once per programme.</summary>
    public required Guid UuidNamespace { get; init; }

    public required IReadOnlyList<DistrictSettings> Districts { get; init; }

    public EntitySelection Entities { get; init; } = EntitySelection.All;

    public IReadOnlyList<RelationshipSettings> Relationships { get; init; } = [];

    public IReadOnlyList<KeySettings> Keys { get; init; } = [];

    public int BatchSize { get; init; } = 50_000;

    public int Parallelism { get; init; } = 4;

    /// <summary>A reviewed mapping file (written by <c>scaffold</c>) that overrides the derived defaults.</summary>
    public string? Mapping { get; init; }

    public QuarantinePolicies Policies { get; init; } = QuarantinePolicies.Default;

    public ForeignKeyMode ForeignKeys { get; init; } = ForeignKeyMode.Deferred;

    public ReportSettings Reports { get; init; } = ReportSettings.None;

    public RetrySettings Retries { get; init; } = RetrySettings.Default;

    public LeaseSettings Leases { get; init; } = LeaseSettings.Default;

    public LimitSettings Limits { get; init; } = LimitSettings.Default;

    /// <summary>What a delta does with a target row someone other than the toolkit changed since the toolkit wrote it.</summary>
    public ConflictPolicy Conflicts { get; init; } = ConflictPolicy.Report;

    public DistrictSettings District(string id) =>
        Districts.FirstOrDefault(d => d.Id == id)
        ?? throw new ConfigException($"{File}: unknown district '{id}' (configured: {string.Join(", ", Districts.Select(d => d.Id))})");

    /// <summary>The target database an entity is routed to: the first whose patterns match.</summary>
    public TargetSettings TargetFor(string qualifiedEntity) =>
        Targets.FirstOrDefault(t => t.Entities.Any(p => Glob.IsMatch(p, qualifiedEntity)))
        ?? throw new ConfigException($"{File}: entity {qualifiedEntity} matches no target's entities");
}
