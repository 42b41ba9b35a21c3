using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>
/// A legacy reference remapped to a UUID column. <see cref="Columns"/> are the child's legacy columns in the order
/// of the parent's key, so the parent's UUID is derived from their values without any lookup.
/// <see cref="Constraint"/> is null when the parent lives in another target database (no cross-database FK exists).
/// <see cref="Enforced"/>: the source guarantees the reference, so no orphan search runs for it.
/// <see cref="Via"/>, when set, is the parent's alternate key (a unique key other than the one its id derives from)
/// that the reference matches: <see cref="Columns"/> then pair with <see cref="Via"/> column by column, and the parent's
/// key is looked up on the source for each row (the id cannot be derived from the child's values alone).
/// </summary>
public sealed record ReferenceMap(
    string Name,
    IReadOnlyList<string> Columns,
    TableName Parent,
    string TargetColumn,
    bool Nullable,
    bool Declared,
    string? Constraint,
    bool Enforced = false,
    IReadOnlyList<string>? Via = null);
