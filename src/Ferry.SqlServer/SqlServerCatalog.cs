namespace Ferry.SqlServer;

/// <summary>
/// The catalog columns a server has beyond SQL Server 2016's, which the introspection statements then use:
/// <see cref="Graph"/> (sys.columns.graph_type, 2017 and later) and <see cref="Ledger"/> (sys.tables.ledger_type,
/// 2022 and later).
/// </summary>
internal sealed record SqlServerCatalog(bool Graph, bool Ledger)
{
    /// <summary>Every combination that occurs: 2016, 2017 to 2019, 2022 and Azure SQL.</summary>
    public static IReadOnlyList<SqlServerCatalog> Versions { get; } = [new(false, false), new(true, false), new(true, true)];

    public static SqlServerCatalog From(IReadOnlyCollection<string> columns) =>
        new(columns.Contains("graph_type"), columns.Contains("ledger_type") && columns.Contains("is_dropped_ledger_table"));
}
