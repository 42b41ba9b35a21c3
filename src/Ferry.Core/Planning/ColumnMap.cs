using Ferry.Core.Casting;

namespace Ferry.Core.Planning;

/// <summary>One legacy column and the target column it loads into.</summary>
public sealed record ColumnMap(
    string Source,
    string Target,
    string SourceType,
    string TargetType,
    ValueKind Kind,
    bool Nullable,
    string? SelectAs = null);
