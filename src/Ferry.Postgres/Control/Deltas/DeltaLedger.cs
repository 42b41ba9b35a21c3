using Npgsql;

namespace Ferry.Postgres.Control.Deltas;

/// <summary>What one delta applied to one district in one target database (<c>ferry.delta_applied</c>).</summary>
public sealed record DeltaApplied(
    Guid RunId, string District, string From, string To, DateTime AppliedAt, long Upserted, long Deleted, long Quarantined, long Resolved, long Conflicts, IReadOnlyList<string> Entities);

/// <summary>A district's cut-over: when, by which run, at which change position.</summary>
public sealed record CutOver(string District, Guid RunId, string Position, DateTime At);

/// <summary>
/// The delta bookkeeping of one target database: delta runs, the position each district's deltas reached (the newest
/// delta not rolled back, or before any the earliest position its full loads recorded), cut-overs and purges.
/// </summary>
public static class DeltaLedger
{
    public static async Task CreateRunAsync(NpgsqlDataSource target, Guid runId, string[] districts, CancellationToken cancellationToken)
    {
        // No entity scope ('{}'): a full load never takes a delta for an unfinished run of its own scope.
        await using var command = target.CreateCommand(
            "INSERT INTO ferry.run (run_id, state, districts, entities, host, kind) VALUES ($1, 'running', $2, '{}', $3, 'delta') " +
            "ON CONFLICT (run_id) DO UPDATE SET state = 'running', finished_at = NULL, message = NULL WHERE ferry.run.state <> 'rolled_back'");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(districts);
        command.Parameters.AddWithValue(Environment.MachineName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest delta of the tenant that is not rolled back; null before the first.</summary>
    public static async Task<DeltaApplied?> LastAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT d.run_id, d.district_id, d.from_position, d.to_position, d.applied_at, d.upserted, d.deleted, d.quarantined, d.resolved, d.conflicts, d.entities " +
            "FROM ferry.delta_applied d WHERE d.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM ferry.run_district rd WHERE rd.run_id = d.run_id AND rd.district_id = d.district_id) " +
            "ORDER BY d.applied_at DESC LIMIT 1");
        command.Parameters.AddWithValue(tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>What the run applied to the tenant here, when it did (a step delivered twice returns this).</summary>
    public static async Task<DeltaApplied?> OfRunAsync(NpgsqlDataSource target, Guid runId, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT run_id, district_id, from_position, to_position, applied_at, upserted, deleted, quarantined, resolved, conflicts, entities FROM ferry.delta_applied WHERE run_id = $1 AND tenant_id = $2");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Inside a delta's transaction: waits for any other transaction applying a delta to the tenant in this database
    /// (the same run delivered twice holds the same leases, so only this lock keeps the two apart), then returns what
    /// the run already applied to the tenant, if it did.
    /// </summary>
    public static async Task<DeltaApplied?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid tenant, CancellationToken cancellationToken)
    {
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('ferry-delta:' || $1::text, 0))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue(tenant);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(
            "SELECT run_id, district_id, from_position, to_position, applied_at, upserted, deleted, quarantined, resolved, conflicts, entities FROM ferry.delta_applied WHERE run_id = $1 AND tenant_id = $2",
            connection, transaction);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Records how a delta run ended; a run rolled back meanwhile stays rolled back (a start delivered again changes nothing).</summary>
    public static async Task FinishRunAsync(NpgsqlDataSource target, Guid runId, string state, string? message, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "UPDATE ferry.run SET state = $2, message = $3, finished_at = now() WHERE run_id = $1 AND state <> 'rolled_back'");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue((object?)message ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The change positions the tenant's loads recorded when each started (the first delta starts from the earliest).</summary>
    public static async Task<IReadOnlyList<(string Entity, string? Position)>> LoadPositionsAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT entity, change_position FROM ferry.load WHERE tenant_id = $1 AND state = 'loaded' ORDER BY entity");
        command.Parameters.AddWithValue(tenant);
        var positions = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            positions.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return positions;
    }

    /// <summary>Records what the delta applied, inside the transaction that applied it: the watermark commits with the changes.</summary>
    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenant, DeltaApplied applied, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO ferry.delta_applied (run_id, tenant_id, district_id, from_position, to_position, upserted, deleted, quarantined, resolved, conflicts, entities) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", connection, transaction);
        command.Parameters.AddWithValue(applied.RunId);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(applied.District);
        command.Parameters.AddWithValue(applied.From);
        command.Parameters.AddWithValue(applied.To);
        command.Parameters.AddWithValue(applied.Upserted);
        command.Parameters.AddWithValue(applied.Deleted);
        command.Parameters.AddWithValue(applied.Quarantined);
        command.Parameters.AddWithValue(applied.Resolved);
        command.Parameters.AddWithValue(applied.Conflicts);
        command.Parameters.AddWithValue(applied.Entities.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records, inside the transaction that applied the delta, what it did to each of <paramref name="entities"/>:
    /// counted from its before-images, its quarantine entries and resolutions, and its conflicts.
    /// </summary>
    public static async Task RecordEntitiesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid tenant, string district, IReadOnlyList<string> entities, CancellationToken cancellationToken)
    {
        const string Mine = "x.run_id = $1 AND x.tenant_id = $2 AND x.entity = e";
        await using var command = new NpgsqlCommand(
            "INSERT INTO ferry.delta_entity (run_id, tenant_id, district_id, entity, inserted, updated, deleted, quarantined, resolved, conflicts, legacy_won) " +
            $"SELECT $1, $2, $3, e, (SELECT count(*) FROM ferry.before_image x WHERE {Mine} AND x.op = 'insert'), " +
            $"(SELECT count(*) FROM ferry.before_image x WHERE {Mine} AND x.op = 'update'), (SELECT count(*) FROM ferry.before_image x WHERE {Mine} AND x.op = 'delete'), " +
            $"(SELECT count(*) FROM ferry.quarantine x WHERE {Mine}), " +
            "(SELECT count(*) FROM ferry.quarantine_resolution x WHERE x.resolved_by = $1 AND x.tenant_id = $2 AND x.entity = e AND x.resolution = 'loaded'), " +
            $"(SELECT count(*) FROM ferry.delta_conflict x WHERE {Mine} AND x.state = 'open'), (SELECT count(*) FROM ferry.delta_conflict x WHERE {Mine} AND x.state = 'legacy_won') " +
            "FROM unnest($4::text[]) AS e ON CONFLICT (run_id, tenant_id, entity) DO NOTHING", connection, transaction);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(district);
        command.Parameters.AddWithValue(entities.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<CutOver?> CutOverAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT district_id, run_id, position, cut_over_at FROM ferry.cutover WHERE tenant_id = $1");
        command.Parameters.AddWithValue(tenant);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CutOver(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetDateTime(3)) : null;
    }

    public static async Task<CutOver> RecordCutOverAsync(NpgsqlDataSource target, Guid tenant, string district, Guid runId, string position, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "INSERT INTO ferry.cutover (tenant_id, district_id, run_id, position) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO NOTHING");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(district);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(position);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (await CutOverAsync(target, tenant, cancellationToken))!;
    }

    public static async Task<long> OpenConflictsAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT count(*) FROM ferry.delta_conflict WHERE tenant_id = $1 AND state = 'open'");
        command.Parameters.AddWithValue(tenant);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Open conflicts of the tenant: entity, legacy key, id, the role that changed the row, when found.</summary>
    public static async Task<IReadOnlyList<(string Entity, string? LegacyKey, Guid Id, string? ByRole, DateTime At)>> ConflictsAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT entity, legacy_key, id, by_role, detected_at FROM ferry.delta_conflict WHERE tenant_id = $1 AND state = 'open' ORDER BY entity, legacy_key");
        command.Parameters.AddWithValue(tenant);
        var list = new List<(string, string?, Guid, string?, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetDateTime(4)));
        }

        return list;
    }

    /// <summary>
    /// Installs, on each table, the trigger that notes updates and deletes by any role other than <c>current_user</c>
    /// (the migration role, which owns the tables and is the only one the toolkit writes as). Idempotent.
    /// </summary>
    public static async Task WatchForeignWritesAsync(NpgsqlDataSource target, IReadOnlyList<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        string owner;
        await using (var who = new NpgsqlCommand("SELECT current_user::text", connection))
        {
            owner = (string)(await who.ExecuteScalarAsync(cancellationToken))!;
        }

        foreach (var (schema, table) in tables)
        {
            await using var command = new NpgsqlCommand(
                $"CREATE OR REPLACE TRIGGER ferry_foreign_write AFTER UPDATE OR DELETE ON {PgIdentifier.Qualified(schema, table)} FOR EACH ROW " +
                $"WHEN (current_user <> {PgIdentifier.Literal(owner)}) EXECUTE FUNCTION ferry.note_foreign_write()", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The original rows of the tenant's entries rejected for one of their values: a diff-based delta reads them
    /// again, since the bucket comparison leaves rejected rows out and so cannot see one fixed in the legacy database.
    /// </summary>
    public static Task<IReadOnlyList<string>> RejectedForValuesRowsAsync(NpgsqlDataSource target, Guid tenant, string entity, CancellationToken cancellationToken) =>
        RejectedRowsAsync(target, tenant, entity, "id IS NOT NULL AND reason_code IN ('bad_value', 'nul_character', 'target_rejected')", cancellationToken);

    /// <summary>
    /// The original rows of the tenant's entries quarantined for a missing parent: each delta reads them again, and
    /// the ones whose parent has arrived load.
    /// </summary>
    public static Task<IReadOnlyList<string>> OrphanRowsAsync(NpgsqlDataSource target, Guid tenant, string entity, CancellationToken cancellationToken) =>
        RejectedRowsAsync(target, tenant, entity, "reason_code IN ('orphan', 'parent_quarantined', 'orphan_at_validation')", cancellationToken);

    /// <summary>The original rows of the tenant's rejected entries of the entity that meet <paramref name="condition"/> (a constant).</summary>
    private static async Task<IReadOnlyList<string>> RejectedRowsAsync(NpgsqlDataSource target, Guid tenant, string entity, string condition, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            $"SELECT row::text FROM ferry.quarantine WHERE tenant_id = $1 AND entity = $2 AND action = 'rejected' AND {condition}");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(entity);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static DeltaApplied Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDateTime(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetFieldValue<string[]>(10));
}
