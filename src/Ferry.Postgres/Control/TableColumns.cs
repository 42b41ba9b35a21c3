using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>One column of a table as the catalog has it: its name, whether it holds JSON, whether it is an identity.</summary>
public sealed record TableColumn(string Name, bool Json, bool Identity);

/// <summary>The columns a row image holds and a restore writes: every stored column of a table, in table order.</summary>
public static class TableColumns
{
    public static async Task<IReadOnlyList<TableColumn>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string relation, CancellationToken cancellationToken)
    {
        // Generated columns are computed again on insert, so they are neither kept nor written.
        await using var command = new NpgsqlCommand(
            "SELECT a.attname::text, a.atttypid IN ('json'::regtype, 'jsonb'::regtype), a.attidentity <> '' FROM pg_catalog.pg_attribute a " +
            "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum", connection, transaction);
        command.Parameters.AddWithValue(relation);
        var columns = new List<TableColumn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(new TableColumn(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
        }

        return columns.Count > 0 ? columns : throw new InvalidOperationException($"table {relation} has no columns");
    }
}
