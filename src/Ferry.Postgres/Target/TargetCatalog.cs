using Npgsql;

namespace Ferry.Postgres.Target;

/// <summary>What a target database holds now: its tables and their columns' types, as the catalog spells them.</summary>
public static class TargetCatalog
{
    /// <summary>Columns and types (<c>format_type</c>) of every table in <paramref name="schemas"/>, by (schema, table).</summary>
    public static async Task<IReadOnlyDictionary<(string Schema, string Table), IReadOnlyDictionary<string, string>>> ColumnTypesAsync(
        NpgsqlDataSource target, IReadOnlyCollection<string> schemas, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT n.nspname::text, c.relname::text, a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod) " +
            "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY($1) ORDER BY 1, 2, a.attnum");
        command.Parameters.AddWithValue(schemas.ToArray());
        var result = new Dictionary<(string, string), Dictionary<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (!result.TryGetValue(key, out var columns))
            {
                columns = new Dictionary<string, string>(StringComparer.Ordinal);
                result[key] = columns;
            }

            columns[reader.GetString(2)] = reader.GetString(3);
        }

        return result.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, string>)r.Value);
    }
}
