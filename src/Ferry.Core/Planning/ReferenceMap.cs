using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>
/// A legacy reference remapped to a UUID column. <see cref="Columns"/> are the child's legacy columns in the order
/// of the parent's key, so the parent's UUID is derived from their values without any lookup.
/// <see cref="Constraint"/> is null when the parent lives in another target database (no cross-database FK exists).
/// <see cref="Enforced"/>: the source guarantees the reference, so no orphan search runs for it.
/// </summary>
public sealed record ReferenceMap(
    string Name,
    IReadOnlyList<string> Columns,
    TableName Parent,
    string TargetColumn,
    bool Nullable,
    bool Declared,
    string? Constraint,
    bool Enforced = false);
