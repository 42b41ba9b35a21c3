namespace Ferry.Core.Model;

/// <summary>
/// An introspected legacy table. <see cref="PrimaryKey"/> is null when the table has none. <see cref="MemoryOptimized"/>
/// marks a SQL Server In-Memory OLTP table, which supports other isolation levels than disk tables.
/// </summary>
public sealed record SourceTable(
    TableName Name,
    IReadOnlyList<SourceColumn> Columns,
    IReadOnlyList<string>? PrimaryKey,
    IReadOnlyList<IReadOnlyList<string>> UniqueKeys,
    IReadOnlyList<ForeignKeyInfo> ForeignKeys,
    long EstimatedRows = 0,
    bool MemoryOptimized = false)
{
    /// <summary>The column of that exact name, else the only one whose name differs from it just in case.</summary>
    public SourceColumn? Column(string name) => NameMatch.Find(Columns, c => c.Name, name);
}
