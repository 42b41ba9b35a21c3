using System.Data.Common;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.Postgres.Source;

/// <summary>Reads pg_catalog and information_schema (see <see cref="PostgresSourceStatements"/>) into a <see cref="SourceSchema"/>.</summary>
internal static class PostgresSourceIntrospection
{
    public static async Task<SourceSchema> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var byOid = new Dictionary<long, SourceTableBuilder>();

        // Ordinal: PostgreSQL names are case-sensitive once quoted, so "Student" and "student" are two tables.
        var byName = new Dictionary<(string Schema, string Name), SourceTableBuilder>();
        await CatalogQuery.EachRowAsync(connection, PostgresSourceStatements.Tables, r =>
        {
            var table = new SourceTableBuilder(new TableName(r.GetString(1), r.GetString(2)), r.GetInt64(3));
            byOid[r.GetInt64(0)] = table;
            byName[(r.GetString(1), r.GetString(2))] = table;
        }, cancellationToken);

        await CatalogQuery.EachRowAsync(connection, PostgresSourceStatements.Columns, r =>
        {
            // information_schema also lists views and partitions; only the tables found above are kept.
            if (byName.TryGetValue((r.GetString(0), r.GetString(1)), out var table))
            {
                table.Columns.Add(ToColumn(r));
            }
        }, cancellationToken);

        await CatalogQuery.EachRowAsync(connection, PostgresSourceStatements.Keys, r =>
        {
            if (byOid.TryGetValue(r.GetInt64(0), out var table))
            {
                table.KeyColumns(r.GetInt64(1), r.GetBoolean(2)).Add(r.GetString(3));
            }
        }, cancellationToken);

        var foreignKeys = new Dictionary<long, (long Table, string Name, List<string> Columns, TableName Referenced, List<string> ReferencedColumns, bool Enforced)>();
        await CatalogQuery.EachRowAsync(connection, PostgresSourceStatements.ForeignKeys, r =>
        {
            var id = r.GetInt64(0);
            if (!foreignKeys.TryGetValue(id, out var fk))
            {
                fk = (r.GetInt64(2), r.GetString(1), [], new TableName(r.GetString(4), r.GetString(5)), [], r.GetBoolean(7));
                foreignKeys[id] = fk;
            }

            fk.Columns.Add(r.GetString(3));
            fk.ReferencedColumns.Add(r.GetString(6));
        }, cancellationToken);

        foreach (var fk in foreignKeys.Values)
        {
            if (byOid.TryGetValue(fk.Table, out var table))
            {
                table.ForeignKeys.Add(new ForeignKeyInfo(fk.Name, table.Name, fk.Columns, fk.Referenced, fk.ReferencedColumns, Declared: true, Enforced: fk.Enforced));
            }
        }

        return new SourceSchema(byOid.Values.Select(t => t.Build()).OrderBy(t => t.Name).ToList());
    }

    /// <summary>
    /// Only the facets the type means, and for text its collation: information_schema reports a numeric_precision of 32 for integer and a
    /// datetime_precision of 0 for date, which are not facets anyone declared.
    /// </summary>
    private static SourceColumn ToColumn(DbDataReader r)
    {
        var type = r.GetString(3);
        int? Int(int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt32(ordinal);
        var collation = r.IsDBNull(10) ? null : r.GetString(10);
        var column = new SourceColumn(
            r.GetString(2), type, r.GetBoolean(4), IsIdentity: r.GetBoolean(9),
            Collation: collation, Insensitive: IcuCollations.Insensitivity(r.GetBoolean(11), r.IsDBNull(12) ? null : r.GetString(12)));
        return type switch
        {
            "character" or "character varying" => column with { MaxLength = Int(5) },
            "numeric" => column with { Precision = Int(6), Scale = Int(7) },
            "time without time zone" or "time with time zone" or "timestamp without time zone"
                or "timestamp with time zone" or "interval" => column with { Scale = Int(8) },
            _ => column,
        };
    }
}
