using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>
/// How one legacy table loads: its target table (in target database <see cref="Target"/>), its columns, its key
/// and its references. Every target table starts with <c>tenant_id uuid</c> and <c>id uuid</c>.
/// </summary>
public sealed record EntityMapping
{
    public required TableName Source { get; init; }

    public required string Target { get; init; }

    public required string TargetSchema { get; init; }

    public required string TargetTable { get; init; }

    public required IReadOnlyList<ColumnMap> Columns { get; init; }

    /// <summary>Legacy key column names (source names), in key order.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    public required KeyOrigin KeyOrigin { get; init; }

    public required IReadOnlyList<ReferenceMap> References { get; init; }

    /// <summary>
    /// Set when this entity's target table is also another legacy table's (their snake_case names collide): the mapping
    /// cannot load until a reviewer renames one. The scaffolded mapping file shows it.
    /// </summary>
    public string? Collision { get; init; }

    public string Name => Source.ToString();

    /// <summary>The mapped column of that legacy name (exactly, else the only one differing just in case); throws when none.</summary>
    public ColumnMap Column(string source) =>
        NameMatch.Find(Columns, c => c.Source, source) ?? throw new InvalidOperationException($"entity {Name}: column {source} is not mapped");

    /// <summary>The unique index over (tenant_id, legacy key) that doubles as the id map.</summary>
    public string KeyIndexName => Naming.IdentifierLimits.Fit($"ux_{TargetTable}_legacy_key");
}
