namespace Ferry.Core.Model;

/// <summary>All tables of one legacy database, as introspected.</summary>
public sealed record SourceSchema(IReadOnlyList<SourceTable> Tables)
{
    private Dictionary<TableName, SourceTable>? _byName;

    /// <summary>The table of that exact name, else the only one whose name differs from it just in case (see <see cref="NameMatch"/>).</summary>
    public SourceTable? Find(TableName name)
    {
        _byName ??= Tables.ToDictionary(t => t.Name);
        return _byName.GetValueOrDefault(name) ?? NameMatch.Find(Tables, t => Joined(t.Name), Joined(name));
    }

    // A NUL cannot occur in a name, so schema and table stay apart.
    private static string Joined(TableName name) => name.Schema + "\0" + name.Name;
}
