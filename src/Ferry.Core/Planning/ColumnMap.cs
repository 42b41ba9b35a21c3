using Ferry.Core.Casting;

namespace Ferry.Core.Planning;

/// <summary>
/// One legacy column and the target column it loads into. <see cref="Collision"/> is set when another legacy column of
/// the table has the same snake_case name: the mapping cannot load until a reviewer renames one.
/// </summary>
public sealed record ColumnMap(
    string Source,
    string Target,
    string SourceType,
    string TargetType,
    ValueKind Kind,
    bool Nullable,
    string? SelectAs = null,
    string? Collision = null);
