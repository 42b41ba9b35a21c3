using System.Diagnostics;
using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// The practical ceiling: raw binary COPY of the identical final rows (dumped from a completed load) into the same
/// tables with the same indexes, as parallel streams like the load's, foreign keys added NOT VALID and validated
/// once afterwards (after ANALYZE, as the load does); the indexes either maintained during the COPY or built after
/// it. The faster of the two is the ceiling: nothing that writes through PostgreSQL beats it.
/// </summary>
internal sealed class CeilingCopy(string target, int streams, string directory)
{
    private readonly Dictionary<string, List<string>> _files = [];
    private readonly Dictionary<string, long> _rows = [];

    public long Rows(string table) => _rows[table];

    /// <summary>Dumps each table's final rows into <c>streams</c> binary COPY files, split by a hash of the id.</summary>
    public async Task DumpAsync(string table, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await using var conn = new NpgsqlConnection(target);
        await conn.OpenAsync(cancellationToken);
        for (var i = 0; i < streams; i++)
        {
            var path = Path.Combine(directory, $"{table}.{i}.bin");
            await using (var raw = await conn.BeginRawBinaryCopyAsync(
                $"COPY (SELECT * FROM dbo.{table} WHERE abs(hashtext(id::text)) % {streams} = {i}) TO STDOUT (FORMAT BINARY)", cancellationToken))
            await using (var file = File.Create(path))
            {
                await raw.CopyToAsync(file, cancellationToken);
            }

            files.Add(path);
        }

        _files[table] = files;
        _rows[table] = await BenchDatabase.CountAsync(target, $"SELECT count(*) FROM dbo.{table}", cancellationToken);
    }

    /// <summary>
    /// Copies one table's files back in parallel and validates its foreign keys; returns the elapsed time. With
    /// <paramref name="indexAfter"/> the table's indexes are dropped first and built after the COPY, two at a time,
    /// as the load does for a table loaded from empty; without, they are maintained row by row.
    /// </summary>
    public async Task<TimeSpan> LoadAsync(string table, bool indexAfter, CancellationToken cancellationToken)
    {
        var relation = $"dbo.{table}";
        var outgoing = await ListAsync($"SELECT conname, pg_get_constraintdef(oid), conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND conrelid = '{relation}'::regclass", cancellationToken);

        // An index backing a foreign key of another table cannot be dropped while that key exists.
        var incoming = indexAfter
            ? await ListAsync($"SELECT conname, pg_get_constraintdef(oid), conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND confrelid = '{relation}'::regclass AND conrelid <> confrelid", cancellationToken)
            : [];
        var indexes = indexAfter
            ? await ListAsync(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid), coalesce(con.conname || CASE con.contype WHEN 'p' THEN ' PRIMARY KEY' ELSE ' UNIQUE' END, '') " +
                $"FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid WHERE i.indrelid = '{relation}'::regclass",
                cancellationToken)
            : [];
        foreach (var (name, _, owner) in outgoing.Concat(incoming))
        {
            await BenchDatabase.ExecAsync(target, $"ALTER TABLE {owner} DROP CONSTRAINT \"{name}\"", cancellationToken);
        }

        foreach (var (name, _, constraint) in indexes)
        {
            await BenchDatabase.ExecAsync(target, constraint == "" ? $"DROP INDEX dbo.\"{name}\"" : $"ALTER TABLE {relation} DROP CONSTRAINT \"{constraint.Split(' ')[0]}\"", cancellationToken);
        }

        await BenchDatabase.ExecAsync(target, "CHECKPOINT", cancellationToken);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_files[table].Select(async file =>
        {
            await using var conn = new NpgsqlConnection(target);
            await conn.OpenAsync(cancellationToken);
            await using var raw = await conn.BeginRawBinaryCopyAsync($"COPY {relation} FROM STDIN (FORMAT BINARY)", cancellationToken);
            await using var input = File.OpenRead(file);
            await input.CopyToAsync(raw, cancellationToken);
        }));
        // Two builds at a time, as the load builds them; a key constraint is attached to its index afterwards.
        await Parallel.ForEachAsync(indexes, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (index, token) =>
            await BenchDatabase.ExecAsync(target, index.Item2, token));
        foreach (var (name, _, constraint) in indexes.Where(i => i.Item3 != ""))
        {
            var parts = constraint.Split(' ', 2);
            await BenchDatabase.ExecAsync(target, $"ALTER TABLE {relation} ADD CONSTRAINT \"{parts[0]}\" {parts[1]} USING INDEX \"{name}\"", cancellationToken);
        }

        if (outgoing.Count + incoming.Count > 0)
        {
            await BenchDatabase.ExecAsync(target, $"ANALYZE {relation}", cancellationToken);
            foreach (var (name, definition, owner) in outgoing.Concat(incoming))
            {
                await BenchDatabase.ExecAsync(target, $"ALTER TABLE {owner} ADD CONSTRAINT \"{name}\" {definition} NOT VALID", cancellationToken);
                await BenchDatabase.ExecAsync(target, $"ALTER TABLE {owner} VALIDATE CONSTRAINT \"{name}\"", cancellationToken);
            }
        }

        return clock.Elapsed;
    }

    private async Task<List<(string, string, string)>> ListAsync(string sql, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, string)>();
        await using var conn = new NpgsqlConnection(target);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
