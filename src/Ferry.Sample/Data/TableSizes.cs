using Ferry.Sample.Schema;

namespace Ferry.Sample.Data;

/// <summary>
/// Row counts of every table of one district. Computed in catalog order, so a table may size itself from any table
/// listed before it (a child collection from its parent).
/// </summary>
internal sealed class TableSizes
{
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);

    private TableSizes(SampleScale scale) => Scale = scale;

    public SampleScale Scale { get; }

    public long Total => _rows.Values.Sum();

    public long this[string table] =>
        _rows.TryGetValue(table, out var rows) ? rows : throw new InvalidOperationException($"row count of {table} asked before it was computed");

    public static TableSizes Compute(IReadOnlyList<TableDef> tables, SampleScale scale)
    {
        var sizes = new TableSizes(scale);
        foreach (var table in tables)
        {
            sizes._rows[table.Name] = Math.Max(0, table.RowCount(sizes));
        }

        return sizes;
    }
}
