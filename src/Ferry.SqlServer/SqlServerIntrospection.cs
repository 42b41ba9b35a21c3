using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>Reads the catalog views (see <see cref="SqlServerStatements"/>) into a <see cref="SourceSchema"/>.</summary>
internal static class SqlServerIntrospection
{
    public static async Task<SourceSchema> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var features = new List<string>();
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.CatalogFeatures, r => features.Add(r.GetString(0)), cancellationToken);
        var catalog = SqlServerCatalog.From(features);

        var tables = new Dictionary<int, SourceTableBuilder>();
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.Tables(catalog), r =>
        {
            var name = new TableName(r.GetString(1), r.GetString(2));
            tables[r.GetInt32(0)] = new SourceTableBuilder(name, Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)) { MemoryOptimized = Flag(r, 4) };
        }, cancellationToken);

        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.Columns(catalog), r =>
        {
            if (tables.TryGetValue(r.GetInt32(0), out var table))
            {
                var collation = r.IsDBNull(8) ? null : r.GetString(8);
                table.Columns.Add(SqlServerColumnFacets.ToColumn(
                    r.GetString(1), r.GetString(2), Flag(r, 3), r.GetInt16(4), r.GetByte(5), r.GetByte(6), Flag(r, 7), collation));
            }
        }, cancellationToken);

        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.Keys(catalog), r =>
        {
            if (tables.TryGetValue(r.GetInt32(0), out var table))
            {
                table.KeyColumns(r.GetInt32(1), Flag(r, 2)).Add(r.GetString(3));
            }
        }, cancellationToken);

        var foreignKeys = new Dictionary<int, (int Table, string Name, List<string> Columns, TableName Referenced, List<string> ReferencedColumns, bool Enforced)>();
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.ForeignKeys, r =>
        {
            var id = r.GetInt32(0);
            if (!foreignKeys.TryGetValue(id, out var fk))
            {
                fk = (r.GetInt32(2), r.GetString(1), [], new TableName(r.GetString(4), r.GetString(5)), [], Flag(r, 7));
                foreignKeys[id] = fk;
            }

            fk.Columns.Add(r.GetString(3));
            fk.ReferencedColumns.Add(r.GetString(6));
        }, cancellationToken);

        foreach (var fk in foreignKeys.Values)
        {
            if (tables.TryGetValue(fk.Table, out var table))
            {
                table.ForeignKeys.Add(new ForeignKeyInfo(fk.Name, table.Name, fk.Columns, fk.Referenced, fk.ReferencedColumns, Declared: true, Enforced: fk.Enforced));
            }
        }

        return new SourceSchema(tables.Values.Select(t => t.Build()).OrderBy(t => t.Name).ToList());
    }

    // The catalog views declare their bit flags nullable, though they are always set.
    private static bool Flag(DbDataReader reader, int ordinal) => !reader.IsDBNull(ordinal) && reader.GetBoolean(ordinal);
}
