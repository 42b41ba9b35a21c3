using System.Diagnostics;
using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// The ceiling of a target with many tables: the fastest plain-PostgreSQL way to the load's own final state. Every
/// table's final rows (all tenants) are dumped once; each measurement empties the tables and takes off their keys,
/// indexes and foreign keys (not timed), then, in one session, binary COPYs the rows into the bare tables and
/// adds the keys and indexes, runs ANALYZE and adds the foreign keys (which validates them) (timed).
/// </summary>
internal sealed class BareCeiling(string target, string directory)
{
    // Constraints owned by an index (primary, unique, exclusion); a foreign key's conindid names the index it
    // references, not one it owns, so it must not count here.
    private const string UserSchemas = "n.nspname NOT IN ('ferry', 'pg_catalog', 'information_schema', 'pg_toast')";

    private readonly List<(string Table, string File)> _files = [];
    private List<string> _tables = [];
    private List<(string Table, string Name, string Definition)> _foreignKeys = [];
    private List<(string Table, string Name, string Definition)> _keys = [];
    private List<(string Name, string Definition)> _indexes = [];

    public long Rows { get; private set; }

    public int Tables => _tables.Count;

    public int ForeignKeys => _foreignKeys.Count;

    public int Indexes => _keys.Count + _indexes.Count;

    /// <summary>Reads the final state: the definitions of every key, index and foreign key, and every non-empty table's rows.</summary>
    public async Task CaptureAsync(CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(target);
        await conn.OpenAsync(cancellationToken);
        _tables = (await ListAsync(conn,
            $"SELECT c.oid::regclass::text, '', '' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND {UserSchemas} ORDER BY 1",
            cancellationToken)).Select(t => t.Item1).ToList();
        _foreignKeys = await ListAsync(conn,
            $"SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND {UserSchemas} ORDER BY 1, 2",
            cancellationToken);
        _keys = await ListAsync(conn,
            $"SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype IN ('p', 'u', 'x') AND {UserSchemas} ORDER BY 1, 2",
            cancellationToken);
        _indexes = (await ListAsync(conn,
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname), pg_get_indexdef(i.indexrelid), '' FROM pg_index i " +
            "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace " +
            $"WHERE {UserSchemas} AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x')) ORDER BY 1",
            cancellationToken)).Select(i => (i.Item1, i.Item2)).ToList();

        Rows = 0;
        _files.Clear();
        foreach (var table in _tables)
        {
            var count = await ScalarAsync(conn, $"SELECT count(*) FROM {table}", cancellationToken);
            if (count == 0)
            {
                continue;
            }

            var path = Path.Combine(directory, $"many.{_files.Count}.bin");
            await using (var raw = await conn.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT BINARY)", cancellationToken))
            await using (var file = File.Create(path))
            {
                await raw.CopyToAsync(file, cancellationToken);
            }

            _files.Add((table, path));
            Rows += count;
        }
    }

    /// <summary>Empties the tables and takes their constraints and indexes off (not timed), then rebuilds the final state in one session (timed).</summary>
    public async Task<TimeSpan> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(target);
        await conn.OpenAsync(cancellationToken);
        // Foreign keys first, so no key or index they depend on is still referenced; IF EXISTS because a
        // self-referencing key goes with whichever statement touches it first.
        foreach (var (table, name, _) in _foreignKeys)
        {
            await ExecAsync(conn, $"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}", cancellationToken);
        }

        foreach (var (table, name, _) in _keys)
        {
            await ExecAsync(conn, $"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}", cancellationToken);
        }

        foreach (var (name, _) in _indexes)
        {
            await ExecAsync(conn, $"DROP INDEX IF EXISTS {name}", cancellationToken);
        }

        await ExecAsync(conn, $"TRUNCATE {string.Join(", ", _tables)}", cancellationToken);
        await ExecAsync(conn, "CHECKPOINT", cancellationToken);

        var clock = Stopwatch.StartNew();
        foreach (var (table, path) in _files)
        {
            await using var raw = await conn.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", cancellationToken);
            await using var input = File.OpenRead(path);
            await input.CopyToAsync(raw, cancellationToken);
        }

        foreach (var (table, name, definition) in _keys)
        {
            await ExecAsync(conn, $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", cancellationToken);
        }

        foreach (var (_, definition) in _indexes)
        {
            await ExecAsync(conn, definition, cancellationToken);
        }

        await ExecAsync(conn, $"ANALYZE {string.Join(", ", _files.Select(f => f.Table))}", cancellationToken);
        foreach (var (table, name, definition) in _foreignKeys)
        {
            await ExecAsync(conn, $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", cancellationToken);
        }

        return clock.Elapsed;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<(string, string, string)>> ListAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, string)>();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
