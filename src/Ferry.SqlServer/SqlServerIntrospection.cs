using System.Data.Common;
using System.Globalization;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>Reads the catalog views (see <see cref="SqlServerStatements"/>) into a <see cref="SourceSchema"/>.</summary>
internal static class SqlServerIntrospection
{
    public static async Task<SourceSchema> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<int, TableParts>();
        await QueryAsync(connection, SqlServerStatements.Tables, r =>
        {
            var name = new TableName(r.GetString(1), r.GetString(2));
            tables[r.GetInt32(0)] = new TableParts(name, Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture));
        }, cancellationToken);

        await QueryAsync(connection, SqlServerStatements.Columns, r =>
        {
            if (tables.TryGetValue(r.GetInt32(0), out var table))
            {
                table.Columns.Add(SqlServerColumnFacets.ToColumn(
                    r.GetString(1), r.GetString(2), Flag(r, 3), r.GetInt16(4), r.GetByte(5), r.GetByte(6), Flag(r, 7)));
            }
        }, cancellationToken);

        await QueryAsync(connection, SqlServerStatements.Keys, r =>
        {
            if (tables.TryGetValue(r.GetInt32(0), out var table))
            {
                table.KeyColumns(r.GetInt32(1), Flag(r, 2)).Add(r.GetString(3));
            }
        }, cancellationToken);

        var foreignKeys = new Dictionary<int, (int Table, string Name, List<string> Columns, TableName Referenced, List<string> ReferencedColumns, bool Enforced)>();
        await QueryAsync(connection, SqlServerStatements.ForeignKeys, r =>
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

    private static async Task QueryAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private sealed class TableParts(TableName name, long estimatedRows)
    {
        private readonly SortedDictionary<int, (bool Primary, List<string> Columns)> _keys = [];

        public TableName Name { get; } = name;

        public List<SourceColumn> Columns { get; } = [];

        public List<ForeignKeyInfo> ForeignKeys { get; } = [];

        public List<string> KeyColumns(int indexId, bool primary)
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
            return new SourceTable(Name, Columns, primary, unique, ForeignKeys, Math.Max(0, estimatedRows));
        }
    }
}
