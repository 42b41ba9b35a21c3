namespace Ferry.Core.Model;

/// <summary>
/// A reference from <see cref="Table"/> to <see cref="Referenced"/>. <see cref="Declared"/> is false for the
/// logical relationships that the configuration supplies because the legacy database never declared them.
/// <see cref="Enforced"/> is true when the source database guarantees it (declared, enabled and validated, or
/// trusted on SQL Server): such a reference cannot have orphans in the source, so nobody needs to look for them.
/// </summary>
public sealed record ForeignKeyInfo(
    string Name,
    TableName Table,
    IReadOnlyList<string> Columns,
    TableName Referenced,
    IReadOnlyList<string> ReferencedColumns,
    bool Declared = true,
    bool Enforced = false);
