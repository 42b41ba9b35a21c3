namespace Ferry.Core.Model;

/// <summary>
/// Collects one table's catalog rows (columns, key columns per index, foreign keys) as an introspection reads
/// them, then makes the <see cref="SourceTable"/>: the primary key, and the other unique keys once each.
/// </summary>
public sealed class SourceTableBuilder(TableName name, long estimatedRows)
{
    // Ordered by the catalog's index id, so the keys come out in the same order on every read.
    private readonly SortedDictionary<long, (bool Primary, List<string> Columns)> _keys = [];

    public TableName Name { get; } = name;

    public List<SourceColumn> Columns { get; } = [];

    public List<ForeignKeyInfo> ForeignKeys { get; } = [];

    public bool MemoryOptimized { get; init; }

    /// <summary>The column list of one key (by the catalog's index id), to append its columns to in key order.</summary>
    public List<string> KeyColumns(long indexId, bool primary)
    {
        if (!_keys.TryGetValue(indexId, out var key))
        {
            key = (primary, []);
            _keys[indexId] = key;
        }

        return key.Columns;
    }

    public SourceTable Build()
    {
        var primary = _keys.Values.Where(k => k.Primary).Select(k => k.Columns).FirstOrDefault();
        var unique = KeySets.Distinct(_keys.Values.Where(k => !k.Primary).Select(k => k.Columns), primary);
        return new SourceTable(Name, Columns, primary, unique, ForeignKeys, Math.Max(0, estimatedRows), MemoryOptimized);
    }
}
