using System.Diagnostics;
using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// The practical ceiling: raw binary COPY of the identical final rows (dumped from a completed load) into the same
/// tables with the same indexes, as parallel streams like the load's, foreign keys added NOT VALID and validated
/// once afterwards (after ANALYZE, as the load does). Nothing that writes through PostgreSQL can beat it.
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

    /// <summary>Copies one table's files back in parallel and validates its foreign keys; returns the elapsed time.</summary>
    public async Task<TimeSpan> LoadAsync(string table, CancellationToken cancellationToken)
    {
        var constraints = new List<(string Name, string Definition)>();
        await using (var conn = new NpgsqlConnection(target))
        {
            await conn.OpenAsync(cancellationToken);
            await using var list = new NpgsqlCommand(
                $"SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'dbo.{table}'::regclass", conn);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                constraints.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in constraints)
        {
            await BenchDatabase.ExecAsync(target, $"ALTER TABLE dbo.{table} DROP CONSTRAINT \"{name}\"", cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(_files[table].Select(async file =>
        {
            await using var conn = new NpgsqlConnection(target);
            await conn.OpenAsync(cancellationToken);
            await using var raw = await conn.BeginRawBinaryCopyAsync($"COPY dbo.{table} FROM STDIN (FORMAT BINARY)", cancellationToken);
            await using var input = File.OpenRead(file);
            await input.CopyToAsync(raw, cancellationToken);
        }));
        if (constraints.Count > 0)
        {
            await BenchDatabase.ExecAsync(target, $"ANALYZE dbo.{table}", cancellationToken);
            foreach (var (name, definition) in constraints)
            {
                await BenchDatabase.ExecAsync(target, $"ALTER TABLE dbo.{table} ADD CONSTRAINT \"{name}\" {definition} NOT VALID", cancellationToken);
                await BenchDatabase.ExecAsync(target, $"ALTER TABLE dbo.{table} VALIDATE CONSTRAINT \"{name}\"", cancellationToken);
            }
        }

        return clock.Elapsed;
    }
}
