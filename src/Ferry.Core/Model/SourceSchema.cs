namespace Ferry.Core.Model;

/// <summary>All tables of one legacy database, as introspected.</summary>
public sealed record SourceSchema(IReadOnlyList<SourceTable> Tables)
{
    private Dictionary<TableName, SourceTable>? _byName;

    public SourceTable? Find(TableName name)
    {
        _byName ??= Tables.ToDictionary(t => t.Name);
        return _byName.GetValueOrDefault(name);
    }
}
