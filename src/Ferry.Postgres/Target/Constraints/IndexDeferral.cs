using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Npgsql;

namespace Ferry.Postgres.Target.Constraints;

/// <summary>
/// Indexes of tables loaded from empty. Maintaining a B-tree row by row costs far more than building it once
/// by sorting: COPY of 3M assessment results into a table with its four indexes takes about 2.5 times as long as
/// COPY into the bare table plus building the four indexes afterwards, and random UUID keys are the worst case
/// for row-by-row maintenance. So a run drops the indexes (primary key included) of each table it loads that
/// holds no rows yet, keeping the statements that re-create them in <c>ferry.dropped_index</c>, and the last run to
/// finish builds them, before foreign keys are restored. Autovacuum is paused on those tables meanwhile. A table
/// that already holds rows keeps its indexes: a rebuild would redo the work for every tenant already there.
/// </summary>
public static class IndexDeferral
{
    /// <summary>The tables of <paramref name="tables"/> that hold no rows (and so whose indexes may be deferred).</summary>
    public static async Task<List<(string Schema, string Table)>> EmptyTablesAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        // Every table exists: the run checked that before deferring anything.
        var empty = new List<(string, string)>();
        foreach (var (schema, table) in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM {PgIdentifier.Qualified(schema, table)})", conn, tx);
            if ((bool)(await cmd.ExecuteScalarAsync(cancellationToken))!)
            {
                empty.Add((schema, table));
            }
        }

        return empty;
    }

    /// <summary>
    /// Drops and records the indexes of the given (empty) tables. Foreign keys that reference them must be dropped
    /// first. Partial, expression and exclusion indexes are left alone. Returns how many were dropped.
    /// </summary>
    public static async Task<int> DeferAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, Guid runId, IEnumerable<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        var dropped = 0;
        foreach (var (schema, table) in tables)
        {
            var qualified = PgIdentifier.Qualified(schema, table);
            var found = new List<(string Name, string Kind, string Definition, string? Constraint, string[] Columns)>();
            await using (var list = new NpgsqlCommand(
                "SELECT c.relname, CASE WHEN i.indisprimary THEN 'p' WHEN i.indisunique THEN 'u' ELSE 'i' END, con.conname, pg_get_indexdef(i.indexrelid), " +
                "array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n) " +
                "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
                "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') " +
                "WHERE i.indrelid = $1::regclass AND i.indexprs IS NULL AND i.indpred IS NULL AND coalesce(con.contype, 'p') <> 'x'", conn, tx))
            {
                list.Parameters.AddWithValue(qualified);
                await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(3), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<string[]>(4)));
                }
            }

            // An autovacuum setting of the operator's own is left alone.
            var pause = false;
            if (found.Count > 0)
            {
                await using var options = new NpgsqlCommand(
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_class c, unnest(coalesce(c.reloptions, '{}')) o WHERE c.oid = $1::regclass AND o LIKE 'autovacuum_enabled=%')", conn, tx);
                options.Parameters.AddWithValue(qualified);
                pause = (bool)(await options.ExecuteScalarAsync(cancellationToken))!;
                if (pause)
                {
                    await using var off = new NpgsqlCommand($"ALTER TABLE {qualified} SET (autovacuum_enabled = false)", conn, tx);
                    await off.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            foreach (var index in found)
            {
                await using var record = new NpgsqlCommand(
                    "INSERT INTO ferry.dropped_index (table_schema, table_name, index_name, kind, definition, constraint_name, key_columns, dropped_by, paused_autovacuum) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING", conn, tx);
                record.Parameters.AddWithValue(schema);
                record.Parameters.AddWithValue(table);
                record.Parameters.AddWithValue(index.Name);
                record.Parameters.AddWithValue(index.Kind);
                record.Parameters.AddWithValue(index.Definition);
                record.Parameters.AddWithValue((object?)index.Constraint ?? DBNull.Value);
                record.Parameters.AddWithValue(index.Columns);
                record.Parameters.AddWithValue(runId);
                record.Parameters.AddWithValue(pause);
                await record.ExecuteNonQueryAsync(cancellationToken);
                // IF EXISTS: a run starting at the same moment may have dropped it first (its lock made us wait).
                await using var drop = new NpgsqlCommand(index.Constraint is null
                    ? $"DROP INDEX IF EXISTS {PgIdentifier.Qualified(schema, index.Name)}"
                    : $"ALTER TABLE {qualified} DROP CONSTRAINT IF EXISTS {PgIdentifier.Quote(index.Constraint)}", conn, tx);
                await drop.ExecuteNonQueryAsync(cancellationToken);
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>
    /// Builds every deferred index, <see cref="ConcurrentBuilds"/> at a time (each also gets PostgreSQL's parallel
    /// workers; a sort-based build leaves cores idle in its merge and write phases). A primary key or unique
    /// constraint is built as its index first, then attached (ADD CONSTRAINT ... USING INDEX), which is instant.
    /// An index that exists already (built before a crash) is not built again, so restoring can always be redone.
    /// A unique index that finds duplicates (a key that reached the target twice) keeps the first copy and moves
    /// the others to quarantine, then is built again. Returns the tables indexed and the rows moved to quarantine.
    /// </summary>
    public static async Task<(List<string> Tables, long Moved)> RestoreAsync(
        NpgsqlDataSource target, NpgsqlConnection conn, MappingSet mappings, CancellationToken cancellationToken, Action<int, int>? progress = null)
    {
        var deferred = new List<Deferred>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_schema, table_name, index_name, definition, constraint_name, kind, key_columns, paused_autovacuum FROM ferry.dropped_index " +
            "ORDER BY CASE kind WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, table_schema, table_name, index_name", conn))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                deferred.Add(new Deferred(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetFieldValue<string[]>(6), reader.GetBoolean(7)));
            }
        }

        long moved = 0;
        var built = 0;
        progress?.Invoke(0, deferred.Count);
        await Parallel.ForEachAsync(
            deferred,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentBuilds, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                await using var build = await target.OpenConnectionAsync(token);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", build);
                        exists.Parameters.AddWithValue(PgIdentifier.Qualified(index.Schema, index.Name));
                        if (!(bool)(await exists.ExecuteScalarAsync(token))!)
                        {
                            await using var create = new NpgsqlCommand(index.Definition, build) { CommandTimeout = 0 };
                            await create.ExecuteNonQueryAsync(token);
                        }

                        progress?.Invoke(Interlocked.Increment(ref built), deferred.Count);
                        break;
                    }
                    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 2 && index.Columns.Length > 0)
                    {
                        Interlocked.Add(ref moved, await SweepDuplicatesAsync(build, mappings, index.Schema, index.Table, index.Name, index.Columns, token));
                    }
                }
            });

        // Attaching takes an exclusive lock on the table, so it waits until every build on it is done. One
        // transaction per table: attach, resume autovacuum, forget.
        foreach (var table in deferred.GroupBy(d => (d.Schema, d.Table)))
        {
            var qualified = PgIdentifier.Qualified(table.Key.Schema, table.Key.Table);
            await using var tx = await conn.BeginTransactionAsync(cancellationToken);
            foreach (var index in table.Where(i => i.Constraint is not null))
            {
                await using var attach = new NpgsqlCommand(
                    $"DO $ferry$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = {PgIdentifier.Literal(index.Constraint!)} " +
                    $"AND conrelid = {PgIdentifier.Literal(qualified)}::regclass) THEN " +
                    $"ALTER TABLE {qualified} ADD CONSTRAINT {PgIdentifier.Quote(index.Constraint!)} " +
                    $"{(index.Kind == "p" ? "PRIMARY KEY" : "UNIQUE")} USING INDEX {PgIdentifier.Quote(index.Name)}; END IF; END $ferry$", conn, tx);
                await attach.ExecuteNonQueryAsync(cancellationToken);
            }

            if (table.Any(i => i.PausedAutovacuum))
            {
                await using var resume = new NpgsqlCommand($"ALTER TABLE {qualified} RESET (autovacuum_enabled)", conn, tx);
                await resume.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var forget = new NpgsqlCommand("DELETE FROM ferry.dropped_index WHERE table_schema = $1 AND table_name = $2 AND index_name = ANY($3)", conn, tx))
            {
                forget.Parameters.AddWithValue(table.Key.Schema);
                forget.Parameters.AddWithValue(table.Key.Table);
                forget.Parameters.AddWithValue(table.Select(i => i.Name).ToArray());
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
        }

        return (deferred.Select(d => PgIdentifier.Qualified(d.Schema, d.Table)).Distinct().ToList(), moved);
    }

    /// <summary>Index builds in flight at once while restoring.</summary>
    public const int ConcurrentBuilds = 2;

    private sealed record Deferred(string Schema, string Table, string Name, string Definition, string? Constraint, string Kind, string[] Columns, bool PausedAutovacuum);

    /// <summary>Moves every copy but the first (in physical order) of each duplicated key to quarantine.</summary>
    private static async Task<long> SweepDuplicatesAsync(
        NpgsqlConnection conn, MappingSet mappings, string schema, string table, string index, string[] columns, CancellationToken cancellationToken)
    {
        var entity = mappings.Entities.FirstOrDefault(e => e.TargetSchema == schema && e.TargetTable == table)
            ?? throw new InvalidOperationException($"unique index {index} on {schema}.{table} finds duplicate keys and the table is not mapped");
        var qualified = PgIdentifier.Qualified(schema, table);
        var keys = string.Join(", ", columns.Select(PgIdentifier.Quote));
        var change =
            $"DELETE FROM {qualified} c USING (SELECT ctid AS row_at, row_number() OVER (PARTITION BY {keys} ORDER BY ctid) AS copy FROM {qualified} " +
            $"WHERE {string.Join(" AND ", columns.Select(k => PgIdentifier.Quote(k) + " IS NOT NULL"))}) d " +
            "WHERE c.ctid = d.row_at AND d.copy > 1 AND EXISTS (SELECT 1 FROM ferry.load l WHERE l.tenant_id = c.tenant_id AND l.entity = $1) RETURNING c.*";
        await using var cmd = new NpgsqlCommand(QuarantineSweep.Sql(entity, change), conn) { CommandTimeout = 0 };
        QuarantineSweep.Bind(cmd, entity, "rejected", ReasonCode.DuplicateKey, string.Join(",", columns),
            $"duplicate key ({string.Join(", ", columns)}) found when building unique index {index} after the load; the first copy was kept");
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
