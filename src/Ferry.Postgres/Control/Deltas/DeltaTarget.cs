using Ferry.Postgres.Target;
using Npgsql;
using static Ferry.Postgres.Control.BeforeImages;
using static Ferry.Postgres.PgIdentifier;

namespace Ferry.Postgres.Control.Deltas;

/// <summary>
/// The target side of one district's delta in one target database, inside ONE transaction the caller owns and commits
/// together with the watermark (<see cref="DeltaLedger.RecordAsync"/>): staged rows in temporary tables, the parents
/// they miss, conflicts with other writers, before-images, upserts parents first, deferred references, deletes
/// children first, and the quarantine entries the delta settles. Every statement names the tenant.
/// </summary>
public sealed class DeltaTarget(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid tenant, IReadOnlyList<DeltaEntity> entities)
{
    private readonly Dictionary<int, IReadOnlyList<TableColumn>> _columns = [];

    private DeltaEntity Entity(int number) => entities.First(e => e.Number == number);

    /// <summary>Stages the entity's current rows (binary COPY encodings) and the ids of all its changed keys.</summary>
    public async Task StageAsync(DeltaEntity entity, IEnumerable<byte[]> rows, IReadOnlyCollection<Guid> changed, CancellationToken cancellationToken)
    {
        await ExecAsync($"CREATE TEMP TABLE {Name(entity.Stage)} (LIKE {entity.Relation} INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
        await ExecAsync($"CREATE TEMP TABLE {Name(entity.Changed)} (id uuid PRIMARY KEY) ON COMMIT DROP", cancellationToken);
        await AddAsync(entity, rows, changed, cancellationToken);
    }

    /// <summary>Stages more rows and changed ids of an entity already staged (ids staged before are kept once).</summary>
    public async Task AddAsync(DeltaEntity entity, IEnumerable<byte[]> rows, IReadOnlyCollection<Guid> changed, CancellationToken cancellationToken)
    {
        using (var writer = BinaryCopyWriter.Start(connection, BinaryCopyWriter.Statement(entity.Stage, entity.CopyColumns)))
        {
            foreach (var row in rows)
            {
                writer.WriteEncoded(row);
            }

            writer.Complete();
        }

        await using var ids = new NpgsqlCommand($"INSERT INTO {entity.Changed} (id) SELECT DISTINCT unnest($1::uuid[]) ON CONFLICT (id) DO NOTHING", connection, transaction);
        ids.Parameters.AddWithValue(changed.ToArray());
        await ids.ExecuteNonQueryAsync(cancellationToken);
        await ExecAsync($"ANALYZE {entity.Stage}", cancellationToken);
    }

    /// <summary>
    /// Target rows of a table, not among its changed ids (<paramref name="self"/>, when staged), that reference a row
    /// one of <paramref name="parents"/> loses in this delta (a changed id with no staged row): their id and the row
    /// as JSON. These rows would name a parent that no longer exists once the delta is applied.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string TargetRow)>> OrphanedAsync(
        string schema, string table, DeltaEntity? self, IReadOnlyList<(string Column, DeltaEntity Parent)> parents, CancellationToken cancellationToken)
    {
        var relation = Qualified(schema, table);
        var lost = string.Join(" OR ", parents.Select(p =>
            $"x.{Quote(p.Column)} IN (SELECT c.id FROM {p.Parent.Changed} c WHERE NOT EXISTS (SELECT 1 FROM {p.Parent.Stage} s WHERE s.id = c.id))"));
        var unchanged = self is null ? "" : $" AND NOT EXISTS (SELECT 1 FROM {self.Changed} e WHERE e.id = x.id)";
        await using var command = new NpgsqlCommand(
            $"SELECT x.id, to_jsonb(x)::text FROM {relation} x WHERE x.tenant_id = $1 AND ({lost}){unchanged}", connection, transaction);
        command.Parameters.AddWithValue(tenant);
        var rows = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>
    /// Staged rows whose reference names no parent that will exist once the delta is applied: neither staged for the
    /// parent nor in the target without being deleted by this delta. Per row, the first such reference (its index).
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, int Reference)>> MissingParentsAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        var found = new List<(Guid, int)>();
        var seen = new HashSet<Guid>();
        for (var r = 0; r < entity.References.Count; r++)
        {
            var reference = entity.References[r];
            if (reference.Parent is not { } number)
            {
                continue;
            }

            var parent = Entity(number);
            var column = Quote(reference.Column);
            await using var command = new NpgsqlCommand(
                $"SELECT s.id FROM {entity.Stage} s WHERE s.{column} IS NOT NULL " +
                $"AND NOT EXISTS (SELECT 1 FROM {parent.Stage} p WHERE p.id = s.{column}) " +
                $"AND NOT EXISTS (SELECT 1 FROM {parent.Relation} p WHERE p.tenant_id = $1 AND p.id = s.{column} AND NOT EXISTS (SELECT 1 FROM {parent.Changed} c WHERE c.id = p.id))",
                connection, transaction);
            command.Parameters.AddWithValue(tenant);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (seen.Add(id))
                {
                    found.Add((id, r));
                }
            }
        }

        return found;
    }

    /// <summary>Takes rows out of the delta: not staged, and not deleted either (a conflict left as it is).</summary>
    public async Task ExcludeAsync(DeltaEntity entity, IReadOnlyCollection<Guid> ids, bool keepChanged, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var table in keepChanged ? [entity.Stage] : new[] { entity.Stage, entity.Changed })
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE id = ANY($1)", connection, transaction);
            command.Parameters.AddWithValue(ids.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Sets a reference of some staged rows to NULL (the orphan policy <c>null</c>).</summary>
    public async Task NullReferenceAsync(DeltaEntity entity, int reference, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"UPDATE {entity.Stage} SET {Quote(entity.References[reference].Column)} = NULL WHERE id = ANY($1)", connection, transaction);
        command.Parameters.AddWithValue(ids.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Changed rows a role other than the toolkit's updated or deleted in the target since the toolkit last wrote them:
    /// id, that role, and the target row now (null when that role deleted it).
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, string ByRole, string? TargetRow)>> ConflictsAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT f.id, f.by_role, (SELECT to_jsonb(x)::text FROM {entity.Relation} x WHERE x.tenant_id = f.tenant_id AND x.id = f.id) " +
            $"FROM ferry.foreign_write f WHERE f.tenant_id = $1 AND f.relation = format('%I.%I', $2::text, $3::text) AND f.id IN (SELECT id FROM {entity.Changed})",
            connection, transaction);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(entity.Schema);
        command.Parameters.AddWithValue(entity.Table);
        var conflicts = new List<(Guid, string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            conflicts.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return conflicts;
    }

    /// <summary>Records conflicts (an open one is updated, not repeated); under legacy-wins the other writer's marks go too.</summary>
    public async Task RecordConflictsAsync(
        DeltaEntity entity, string district, IReadOnlyList<(Guid Id, string ByRole, string? TargetRow, string? LegacyKey, string? LegacyRow)> conflicts, bool legacyWins, CancellationToken cancellationToken)
    {
        foreach (var c in conflicts)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO ferry.delta_conflict (run_id, tenant_id, district_id, entity, id, legacy_key, target_row, legacy_row, by_role, state) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10) " +
                "ON CONFLICT (tenant_id, entity, id) WHERE state = 'open' DO UPDATE SET run_id = EXCLUDED.run_id, target_row = EXCLUDED.target_row, " +
                "legacy_row = EXCLUDED.legacy_row, by_role = EXCLUDED.by_role, state = EXCLUDED.state, detected_at = now()",
                connection, transaction);
            command.Parameters.AddWithValue(runId);
            command.Parameters.AddWithValue(tenant);
            command.Parameters.AddWithValue(district);
            command.Parameters.AddWithValue(entity.Entity);
            command.Parameters.AddWithValue(c.Id);
            command.Parameters.AddWithValue((object?)c.LegacyKey ?? DBNull.Value);
            command.Parameters.AddWithValue((object?)c.TargetRow ?? DBNull.Value);
            command.Parameters.AddWithValue((object?)c.LegacyRow ?? DBNull.Value);
            command.Parameters.AddWithValue(c.ByRole);
            command.Parameters.AddWithValue(legacyWins ? "legacy_won" : "open");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (legacyWins && conflicts.Count > 0)
        {
            await using var clear = new NpgsqlCommand("DELETE FROM ferry.foreign_write WHERE tenant_id = $1 AND relation = format('%I.%I', $2::text, $3::text) AND id = ANY($4)", connection, transaction);
            clear.Parameters.AddWithValue(tenant);
            clear.Parameters.AddWithValue(entity.Schema);
            clear.Parameters.AddWithValue(entity.Table);
            clear.Parameters.AddWithValue(conflicts.Select(c => c.Id).ToArray());
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Writes the staged rows that differ from the target (inserts and updates), their before-images first. Deferred
    /// references of new rows start NULL (or at the row itself, for a NOT NULL self-reference) and keep their current
    /// value on updated rows, until <see cref="ReattachAsync"/>. Returns the rows written.
    /// </summary>
    public async Task<long> UpsertAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(entity, cancellationToken);
        var data = columns.Where(c => c.Name is not ("tenant_id" or "id")).ToList();
        var deferred = entity.References.Where(r => r.Deferred).ToDictionary(r => r.Column, StringComparer.Ordinal);
        var differs = Differs(data.Select(c => c.Name), "x", "s");
        var relation = entity.Relation;

        await ExecAsync(
            $"INSERT INTO ferry.before_image (run_id, tenant_id, entity, relation, id, op, row) " +
            $"SELECT {Literal(runId.ToString())}::uuid, x.tenant_id, {Literal(entity.Entity)}, {Literal(relation)}, x.id, 'update', {Row(columns, "x")} " +
            $"FROM {relation} x JOIN {entity.Stage} s ON s.id = x.id WHERE x.tenant_id = {Literal(tenant.ToString())}::uuid AND {differs} " +
            "ON CONFLICT (run_id, tenant_id, relation, id) DO NOTHING", cancellationToken);
        await ExecAsync(
            $"INSERT INTO ferry.before_image (run_id, tenant_id, entity, relation, id, op, row) " +
            $"SELECT {Literal(runId.ToString())}::uuid, s.tenant_id, {Literal(entity.Entity)}, {Literal(relation)}, s.id, 'insert', NULL FROM {entity.Stage} s " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {relation} x WHERE x.tenant_id = s.tenant_id AND x.id = s.id) ON CONFLICT (run_id, tenant_id, relation, id) DO NOTHING", cancellationToken);

        string Inserted(TableColumn c) => deferred.TryGetValue(c.Name, out var r) ? (r.Nullable || !r.Self ? "NULL" : "s.id") : $"s.{Quote(c.Name)}";
        var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var updates = data.Where(c => !deferred.ContainsKey(c.Name)).ToList();
        var set = updates.Count == 0 ? "tenant_id = EXCLUDED.tenant_id" : string.Join(", ", updates.Select(c => $"{Quote(c.Name)} = EXCLUDED.{Quote(c.Name)}"));
        var changed = updates.Count == 0 ? "false" : Differs(updates.Select(c => c.Name), "x", "EXCLUDED");
        return await ExecAsync(
            $"INSERT INTO {relation} AS x ({list}) SELECT {string.Join(", ", columns.Select(Inserted))} FROM {entity.Stage} s " +
            $"ON CONFLICT (tenant_id, id) DO UPDATE SET {set} WHERE {changed}", cancellationToken);
    }

    /// <summary>Sets the deferred references of the staged rows to their values, once every entity's rows are in.</summary>
    public async Task<long> ReattachAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        var deferred = entity.References.Where(r => r.Deferred).Select(r => r.Column).ToList();
        if (deferred.Count == 0)
        {
            return 0;
        }

        return await ExecAsync(
            $"UPDATE {entity.Relation} x SET {string.Join(", ", deferred.Select(c => $"{Quote(c)} = s.{Quote(c)}"))} FROM {entity.Stage} s " +
            $"WHERE x.tenant_id = s.tenant_id AND x.id = s.id AND {Differs(deferred, "x", "s")}", cancellationToken);
    }

    /// <summary>
    /// Before the deletes: keeps the images of the rows about to go, then detaches their deferred references, so rows of
    /// a cycle or a self-reference can be deleted in any order.
    /// </summary>
    public async Task DetachAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(entity, cancellationToken);
        await ExecAsync(
            $"INSERT INTO ferry.before_image (run_id, tenant_id, entity, relation, id, op, row) " +
            $"SELECT {Literal(runId.ToString())}::uuid, x.tenant_id, {Literal(entity.Entity)}, {Literal(entity.Relation)}, x.id, 'delete', {Row(columns, "x")} " +
            $"FROM {entity.Relation} x WHERE {Doomed(entity)} ON CONFLICT (run_id, tenant_id, relation, id) DO NOTHING", cancellationToken);
        var deferred = entity.References.Where(r => r.Deferred).ToList();
        if (deferred.Count > 0)
        {
            var set = string.Join(", ", deferred.Select(r => $"{Quote(r.Column)} = {(r.Nullable ? "NULL" : "x.id")}"));
            await ExecAsync($"UPDATE {entity.Relation} x SET {set} WHERE {Doomed(entity)}", cancellationToken);
        }
    }

    /// <summary>Deletes the changed rows the legacy database no longer has (their images were kept by <see cref="DetachAsync"/>).</summary>
    public Task<long> DeleteAsync(DeltaEntity entity, CancellationToken cancellationToken) =>
        ExecAsync($"DELETE FROM {entity.Relation} x WHERE {Doomed(entity)}", cancellationToken);

    /// <summary>
    /// Settles the quarantine of the changed keys after this delta's own entries were written: an earlier entry whose
    /// row this delta quarantined again for the same reason stays (the new one goes); any other moves to
    /// <c>ferry.quarantine_resolution</c>, resolved as loaded, superseded or deleted in the legacy database. Returns
    /// (entries resolved by loading the row, entries this delta added).
    /// </summary>
    public async Task<(long Loaded, long Added)> SettleQuarantineAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        var t = Literal(tenant.ToString()) + "::uuid";
        var r = Literal(runId.ToString()) + "::uuid";
        var e = Literal(entity.Entity);
        const string Same = "n.id = o.id AND n.reason_code = o.reason_code AND n.action = o.action AND n.row = o.row";
        var moved = await ScalarAsync(
            $"WITH moved AS (DELETE FROM ferry.quarantine o WHERE o.tenant_id = {t} AND o.entity = {e} AND o.run_id <> {r} " +
            $"AND o.id IN (SELECT id FROM {entity.Changed}) " +
            $"AND NOT EXISTS (SELECT 1 FROM ferry.quarantine n WHERE n.tenant_id = {t} AND n.entity = {e} AND n.run_id = {r} AND {Same}) RETURNING o.*), " +
            "kept AS (INSERT INTO ferry.quarantine_resolution (quarantine_id, run_id, tenant_id, district_id, entity, batch_no, legacy_key, id, action, reason_code, column_name, reason, row, at, resolved_by, resolution) " +
            $"SELECT m.quarantine_id, m.run_id, m.tenant_id, m.district_id, m.entity, m.batch_no, m.legacy_key, m.id, m.action, m.reason_code, m.column_name, m.reason, m.row, m.at, {r}, " +
            $"CASE WHEN EXISTS (SELECT 1 FROM ferry.quarantine n WHERE n.tenant_id = {t} AND n.entity = {e} AND n.run_id = {r} AND n.id = m.id) THEN 'superseded by a newer quarantine entry' " +
            $"WHEN EXISTS (SELECT 1 FROM {entity.Relation} x WHERE x.tenant_id = m.tenant_id AND x.id = m.id) THEN " +
            "(CASE WHEN m.action = 'rejected' THEN 'loaded' ELSE 'loaded again without the fix' END) " +
            "ELSE 'deleted in the legacy database' END FROM moved m RETURNING resolution) " +
            "SELECT count(*) FILTER (WHERE resolution = 'loaded') FROM kept", cancellationToken);
        await ExecAsync(
            $"DELETE FROM ferry.quarantine n WHERE n.tenant_id = {t} AND n.entity = {e} AND n.run_id = {r} " +
            $"AND EXISTS (SELECT 1 FROM ferry.quarantine o WHERE o.tenant_id = {t} AND o.entity = {e} AND o.run_id <> {r} AND {Same})", cancellationToken);
        var added = await ScalarAsync($"SELECT count(*) FROM ferry.quarantine n WHERE n.tenant_id = {t} AND n.entity = {e} AND n.run_id = {r}", cancellationToken);
        return (moved, added);
    }

    private string Doomed(DeltaEntity entity) =>
        $"x.tenant_id = {Literal(tenant.ToString())}::uuid AND x.id IN (SELECT c.id FROM {entity.Changed} c WHERE NOT EXISTS (SELECT 1 FROM {entity.Stage} s WHERE s.id = c.id))";

    // Compared as text: exact for every type (floats print their shortest exact form), and xml has no equality.
    private static string Differs(IEnumerable<string> columns, string left, string right)
    {
        var list = columns.ToList();
        return list.Count == 0
            ? "false"
            : $"({string.Join(", ", list.Select(c => $"{left}.{Quote(c)}::text"))}) IS DISTINCT FROM ({string.Join(", ", list.Select(c => $"{right}.{Quote(c)}::text"))})";
    }

    private async Task<IReadOnlyList<TableColumn>> ColumnsAsync(DeltaEntity entity, CancellationToken cancellationToken)
    {
        if (!_columns.TryGetValue(entity.Number, out var columns))
        {
            _columns[entity.Number] = columns = await TableColumns.ReadAsync(connection, transaction, entity.Relation, cancellationToken);
        }

        return columns;
    }

    private static string Name(string temp) => temp["pg_temp.".Length..];

    private async Task<long> ExecAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
