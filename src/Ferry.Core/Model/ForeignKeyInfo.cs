namespace Ferry.Core.Model;

/// <summary>
/// A reference from <see cref="Table"/> to <see cref="Referenced"/>. <see cref="Declared"/> is false for the
/// logical relationships that the configuration supplies because the legacy database never declared them.
/// </summary>
public sealed record ForeignKeyInfo(
    string Name,
    TableName Table,
    IReadOnlyList<string> Columns,
    TableName Referenced,
    IReadOnlyList<string> ReferencedColumns,
    bool Declared = true);
