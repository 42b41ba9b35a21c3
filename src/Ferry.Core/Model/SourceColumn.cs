namespace Ferry.Core.Model;

/// <summary>A legacy column as introspected. <see cref="DataType"/> is the dialect's own lower-case type name.</summary>
public sealed record SourceColumn(
    string Name,
    string DataType,
    bool Nullable,
    int? MaxLength = null,
    int? Precision = null,
    int? Scale = null,
    bool IsIdentity = false);
