using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.Engine.Pipeline;

/// <summary>How one district's source is read when its schema is known: its own dialect, and the tables a read touches.</summary>
internal static class SourceReads
{
    /// <summary>The dialect for the district's schema (per-table spellings), or the adapter's plain one without it.</summary>
    public static ISourceDialect Dialect(ISourceAdapter adapter, SourceSchema? schema) =>
        schema is null ? adapter.Dialect : adapter.DialectFor(schema);

    /// <summary>The tables a read touches, as the district has them, for the adapter to choose an isolation they all support.</summary>
    public static IReadOnlyCollection<SourceTable> Tables(SourceSchema? schema, IEnumerable<TableName> names) =>
        names.Distinct().Select(n => schema?.Find(n)).OfType<SourceTable>().ToList();
}
