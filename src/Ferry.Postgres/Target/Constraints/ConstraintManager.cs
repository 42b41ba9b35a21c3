using Ferry.Core.Planning;
using Ferry.Core.Progress;
using Ferry.Core.Quarantine;
using Npgsql;

namespace Ferry.Postgres.Target.Constraints;

/// <summary>
/// Foreign keys while runs load. With declared foreign keys PostgreSQL checks every inserted row through a
/// trigger, several times slower than one bulk check, so each run drops the foreign keys of the tables it loads
/// (keeping their definitions in <c>ferry.dropped_constraint</c>) and the last run to finish on a database puts them
/// back: added NOT VALID, then validated, which checks every row once. Who is last is decided by the runs' leases
/// (<see cref="Control.Leases"/>): a run restores only when no other run holds a live lease on the database, and
/// deferring and restoring exclude each other through an advisory lock held only while they work (never for a
/// whole run, so a lost session cannot let a restore overlap a load). If validation finds references
/// without a parent (a parent rejected after its children loaded, or changed in the source meanwhile), those rows
/// move from the target to the quarantine and validation is retried, so the run ends with every FK VALID.
/// Indexes of tables loaded from empty are deferred the same way (<see cref="IndexDeferral"/>) and built first.
/// </summary>
public sealed partial class ConstraintManager(NpgsqlDataSource target, MappingSet mappings, QuarantinePolicies policies)
{
    private const long DeferLock = 0x4665727279_03;

    /// <summary>
    /// Drops the foreign keys of the tables this run loads and, unless <paramref name="keepIndexes"/>, the indexes of
    /// those that hold no rows yet (with the foreign keys that reference them: an index backing one cannot go).
    /// </summary>
    public async Task<(int ForeignKeys, int Indexes)> DeferAsync(Guid runId, IEnumerable<EntityMapping> entities, bool keepIndexes, CancellationToken cancellationToken)
    {
        var tables = entities.Select(e => (e.TargetSchema, e.TargetTable)).Distinct().ToList();
        await using var conn = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);

        // One run defers at a time: two runs starting together would each read a table and then want it
        // exclusively, and deadlock. The second waits, then finds the work done.
        await using (var serialise = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", conn, tx))
        {
            serialise.Parameters.AddWithValue(DeferLock);
            await serialise.ExecuteNonQueryAsync(cancellationToken);
        }

        var empty = keepIndexes ? [] : await IndexDeferral.EmptyTablesAsync(conn, tx, tables, cancellationToken);
        var found = new List<(string Schema, string Table, string Name, string Definition)>();
        await using (var list = new NpgsqlCommand(
            "SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid " +
            "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'f' AND ((n.nspname, t.relname) IN (SELECT * FROM unnest($1::text[], $2::text[])) " +
            "OR c.confrelid IN (SELECT to_regclass(quote_ident(s) || '.' || quote_ident(r)) FROM unnest($3::text[], $4::text[]) AS e(s, r)))", conn, tx))
        {
            list.Parameters.AddWithValue(tables.Select(t => t.TargetSchema).ToArray());
            list.Parameters.AddWithValue(tables.Select(t => t.TargetTable).ToArray());
            list.Parameters.AddWithValue(empty.Select(t => t.Schema).ToArray());
            list.Parameters.AddWithValue(empty.Select(t => t.Table).ToArray());
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        foreach (var fk in found)
        {
            await using var record = new NpgsqlCommand(
                "INSERT INTO ferry.dropped_constraint (table_schema, table_name, constraint_name, definition, dropped_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", conn, tx);
            record.Parameters.AddWithValue(fk.Schema);
            record.Parameters.AddWithValue(fk.Table);
            record.Parameters.AddWithValue(fk.Name);
            record.Parameters.AddWithValue(fk.Definition);
            record.Parameters.AddWithValue(runId);
            await record.ExecuteNonQueryAsync(cancellationToken);
            await using var drop = new NpgsqlCommand($"ALTER TABLE {PgIdentifier.Qualified(fk.Schema, fk.Table)} DROP CONSTRAINT IF EXISTS {PgIdentifier.Quote(fk.Name)}", conn, tx);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        var indexes = await IndexDeferral.DeferAsync(conn, tx, runId, empty, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (found.Count, indexes);
    }

    /// <summary>
    /// Builds every deferred index, then restores and validates every dropped foreign key, unless another run holds a
    /// live lease on the database (leases that expired are broken first: their holders were killed or paused, and will
    /// defer again when they resume). Returns null when another run is still loading (it will restore them),
    /// otherwise the number of rows moved to quarantine (duplicated keys, references without a parent). Every step
    /// commits on its own, so a restore that dies midway is redone by the next.
    /// </summary>
    public async Task<long?> RestoreAsync(Guid runId, CancellationToken cancellationToken, Action<RunPhase, int, int>? progress = null)
    {
        await using var conn = await target.OpenConnectionAsync(cancellationToken);
        // Exclusive with deferring while it works: a run starting now waits, then defers what this put back.
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", conn))
        {
            take.Parameters.AddWithValue(DeferLock);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var check = await conn.BeginTransactionAsync(cancellationToken))
            {
                var others = await Control.Leases.OtherLiveRunsAsync(conn, check, runId, cancellationToken);
                await check.CommitAsync(cancellationToken);
                if (others.Count > 0)
                {
                    return null;
                }
            }

            // Indexes first: a foreign key needs its parent's primary key, and validation its child's index.
            var (indexed, duplicates) = await IndexDeferral.RestoreAsync(target, conn, mappings, cancellationToken, (done, total) => progress?.Invoke(RunPhase.BuildingIndexes, done, total));
            IndexedTables = indexed.Count;
            var dropped = new List<(string Schema, string Table, string Name, string Definition)>();
            await using (var list = new NpgsqlCommand("SELECT table_schema, table_name, constraint_name, definition FROM ferry.dropped_constraint", conn))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    dropped.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                }
            }

            // Fresh statistics first: after a bulk load the planner would otherwise validate with nested loops. The
            // loaded tables always; a parent only if it has none (a parent loaded by an earlier run was analysed when
            // that run ended, and analysing it again would also wait for the autovacuum that now runs on it).
            var parents = dropped.Select(d => ReferencedTable().Match(d.Definition)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
            var analyse = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT DISTINCT r::text FROM (SELECT to_regclass(t) AS r FROM unnest($1::text[]) t " +
                "UNION SELECT to_regclass(p) FROM unnest($2::text[]) p WHERE NOT EXISTS (SELECT 1 FROM pg_statistic s WHERE s.starelid = to_regclass(p))) x WHERE r IS NOT NULL", conn))
            {
                list.Parameters.AddWithValue(dropped.Select(d => PgIdentifier.Qualified(d.Schema, d.Table)).Concat(indexed).ToArray());
                list.Parameters.AddWithValue(parents);
                await using var reader = await list.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    analyse.Add(reader.GetString(0));
                }
            }

            // Two sessions: each ANALYZE samples one table at a time on one core.
            await Task.WhenAll(analyse.Chunk(Math.Max(1, (analyse.Count + 1) / 2)).Select(async tables =>
            {
                await using var session = await target.OpenConnectionAsync(cancellationToken);
                await ExecAsync(session, "ANALYZE " + string.Join(", ", tables), cancellationToken);
            }));

            // Parents first, so rows removed from a parent show up when its children are validated.
            var order = DependencyGraph.Order(mappings.Entities).Ordered.Select((e, i) => (e, i)).ToDictionary(x => (x.e.TargetSchema, x.e.TargetTable), x => x.i);
            var moved = duplicates;
            var waiting = new List<string>();
            var validated = 0;
            progress?.Invoke(RunPhase.ValidatingForeignKeys, 0, dropped.Count);
            foreach (var fk in dropped.OrderBy(d => order.GetValueOrDefault((d.Schema, d.Table), int.MaxValue)))
            {
                progress?.Invoke(RunPhase.ValidatingForeignKeys, validated++, dropped.Count);
                if (await ParentPendingAsync(conn, fk.Schema, fk.Table, fk.Name, cancellationToken) is { } parent)
                {
                    // A run over some entities only: the parent of this reference has not been loaded for every
                    // tenant that has children yet. Validating now would quarantine rows that are not orphans.
                    waiting.Add($"{fk.Name} (waits for {parent})");
                    continue;
                }

                moved += await RestoreForeignKeyAsync(conn, fk.Schema, fk.Table, fk.Name, fk.Definition, cancellationToken);
            }

            progress?.Invoke(RunPhase.ValidatingForeignKeys, dropped.Count, dropped.Count);
            Waiting = waiting;
            return moved;
        }
        finally
        {
            // A broken connection released the lock with its session; only a live one needs the unlock, and a failure
            // here must not hide the error that brought us here.
            try
            {
                if (conn.FullState == System.Data.ConnectionState.Open)
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", conn);
                    unlock.Parameters.AddWithValue(DeferLock);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
            catch (NpgsqlException)
            {
                NpgsqlConnection.ClearPool(conn);
            }
        }
    }

    /// <summary>Tables whose deferred indexes the last <see cref="RestoreAsync"/> built.</summary>
    public int IndexedTables { get; private set; }

    /// <summary>Foreign keys left deferred by the last <see cref="RestoreAsync"/> because a parent is not loaded yet.</summary>
    public IReadOnlyList<string> Waiting { get; private set; } = [];

    /// <summary>
    /// Adds (unless it is there already), validates and forgets one foreign key in one transaction, so a restore that
    /// dies midway leaves the key either dropped and listed or in place and forgotten. References without a parent
    /// are swept into quarantine and validation is tried again. Returns the rows moved.
    /// </summary>
    private async Task<long> RestoreForeignKeyAsync(NpgsqlConnection conn, string schema, string table, string name, string definition, CancellationToken cancellationToken)
    {
        var qualified = PgIdentifier.Qualified(schema, table);
        long moved = 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var tx = await conn.BeginTransactionAsync(cancellationToken);
                await ExecAsync(conn,
                    $"DO $ferry$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = {PgIdentifier.Literal(name)} AND conrelid = {PgIdentifier.Literal(qualified)}::regclass) THEN " +
                    $"ALTER TABLE {qualified} ADD CONSTRAINT {PgIdentifier.Quote(name)} {definition} NOT VALID; END IF; END $ferry$",
                    cancellationToken);
                await ExecAsync(conn, $"ALTER TABLE {qualified} VALIDATE CONSTRAINT {PgIdentifier.Quote(name)}", cancellationToken);
                await using (var forget = new NpgsqlCommand("DELETE FROM ferry.dropped_constraint WHERE table_schema = $1 AND table_name = $2 AND constraint_name = $3", conn, tx))
                {
                    forget.Parameters.AddWithValue(schema);
                    forget.Parameters.AddWithValue(table);
                    forget.Parameters.AddWithValue(name);
                    await forget.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
                return moved;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation && attempt < 3)
            {
                moved += await SweepAsync(conn, schema, table, name, cancellationToken);
            }
        }
    }

    /// <summary>The parent entity still to be loaded for some tenant that has children of this constraint, or null.</summary>
    private async Task<string?> ParentPendingAsync(NpgsqlConnection conn, string schema, string table, string constraint, CancellationToken cancellationToken)
    {
        var entity = mappings.Entities.FirstOrDefault(e => e.TargetSchema == schema && e.TargetTable == table);
        var reference = entity?.References.FirstOrDefault(r => r.Constraint == constraint);
        if (entity is null || reference is null)
        {
            return null;
        }

        await using var cmd = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM ferry.load c WHERE c.entity = $1 AND NOT EXISTS " +
            "(SELECT 1 FROM ferry.load p WHERE p.tenant_id = c.tenant_id AND p.entity = $2 AND p.state = 'loaded'))",
            conn);
        cmd.Parameters.AddWithValue(entity.Name);
        cmd.Parameters.AddWithValue(reference.Parent.ToString());
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))! ? reference.Parent.ToString() : null;
    }

    /// <summary>Moves (or, by policy, NULLs) the references of one constraint that have no parent row, recording each in the quarantine.</summary>
    private async Task<long> SweepAsync(NpgsqlConnection conn, string schema, string table, string constraint, CancellationToken cancellationToken)
    {
        var entity = mappings.Entities.FirstOrDefault(e => e.TargetSchema == schema && e.TargetTable == table)
            ?? throw new InvalidOperationException($"foreign key {constraint} on {schema}.{table} fails validation and the table is not mapped");
        var reference = entity.References.FirstOrDefault(r => r.Constraint == constraint)
            ?? throw new InvalidOperationException($"foreign key {constraint} on {schema}.{table} fails validation and is not a mapped reference");
        var parent = mappings[reference.Parent];
        var child = PgIdentifier.Qualified(schema, table);
        var column = PgIdentifier.Quote(reference.TargetColumn);
        var dangling = $"c.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {PgIdentifier.Qualified(parent.TargetSchema, parent.TargetTable)} p WHERE p.tenant_id = c.tenant_id AND p.id = c.{column}) " +
            "AND EXISTS (SELECT 1 FROM ferry.load l WHERE l.tenant_id = c.tenant_id AND l.entity = $1)";
        var nullable = reference.Nullable && policies.Orphan == ProblemAction.Null;
        var change = nullable
            ? $"UPDATE {child} c SET {column} = NULL WHERE {dangling} RETURNING c.*"
            : $"DELETE FROM {child} c WHERE {dangling} RETURNING c.*";
        await using var cmd = new NpgsqlCommand(QuarantineSweep.Sql(entity, change), conn);
        QuarantineSweep.Bind(cmd, entity, nullable ? "nulled" : "rejected", ReasonCode.OrphanAtValidation, string.Join(",", reference.Columns),
            $"{reference.Parent}({string.Join(", ", reference.Columns)}) has no parent row in the target at validation (row recorded as loaded)");
        cmd.CommandTimeout = 0;
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"REFERENCES\s+((?:""[^""]+""|[\w$]+)(?:\.(?:""[^""]+""|[\w$]+))?)\s*\(")]
    private static partial System.Text.RegularExpressions.Regex ReferencedTable();
}
