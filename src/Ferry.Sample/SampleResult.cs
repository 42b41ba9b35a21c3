using Ferry.Core.Configuration;

namespace Ferry.Sample;

/// <summary>
/// What was generated: the districts, the logical foreign keys the legacy schema never declared, the key columns of
/// tables that have neither a primary key nor a unique index, the number of tables per district and the rows over all districts.
/// </summary>
public sealed record SampleResult(
    IReadOnlyList<SampleDistrict> Districts,
    IReadOnlyList<RelationshipSettings> Relationships,
    IReadOnlyList<KeySettings> Keys,
    int EntityCount,
    long TotalRows);
