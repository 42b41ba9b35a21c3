using Ferry.Core.Model;
using Ferry.Core.Planning;

namespace Ferry.Engine.Pipeline;

/// <summary>The legacy columns behind mapped columns, as one district has them.</summary>
internal static class SourceColumns
{
    /// <summary>
    /// The district's own column (its length, precision, scale, collation): districts share a mapping but may differ
    /// in these. When the district's schema is not known or lacks the column, one made from the mapping, which knows
    /// the type but no facets.
    /// </summary>
    public static SourceColumn Of(SourceSchema? schema, EntityMapping entity, string column) =>
        schema?.Find(entity.Source)?.Column(column)
        ?? new SourceColumn(column, entity.Column(column).SourceType, entity.Column(column).Nullable);

    public static SourceColumn[] Key(SourceSchema? schema, EntityMapping entity) =>
        entity.Key.Select(k => Of(schema, entity, k)).ToArray();

    /// <summary>
    /// What the parent's key columns' collations ignore, in the parent's key order (the order a reference's id values
    /// come in): the parent's id was derived that way, so the reference must be too, whatever its own columns' collation.
    /// </summary>
    public static TextInsensitivity[] ReferenceInsensitive(SourceSchema? schema, MappingSet? mappings, ReferenceMap reference) =>
        mappings?.Find(reference.Parent) is { } parent && (reference.Via is not null || parent.Key.Count == reference.Columns.Count)
            ? Key(schema, parent).Select(c => c.Insensitive).ToArray()
            : new TextInsensitivity[reference.Columns.Count];
}
