namespace Ferry.Core.Model;

/// <summary>
/// A legacy column as introspected. <see cref="DataType"/> is the dialect's own lower-case type name.
/// <see cref="Collation"/> is the text column's collation as the source names it (null for other types), and
/// <see cref="Insensitive"/> what that collation ignores when it compares for equality.
/// </summary>
public sealed record SourceColumn(
    string Name,
    string DataType,
    bool Nullable,
    int? MaxLength = null,
    int? Precision = null,
    int? Scale = null,
    bool IsIdentity = false,
    string? Collation = null,
    TextInsensitivity Insensitive = TextInsensitivity.None);
