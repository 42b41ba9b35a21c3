using Ferry.Core.Planning;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>Reads and writes the run, load and batch rows of the <c>ferry</c> schema of one target database.</summary>
public sealed class RunStore(NpgsqlDataSource target)
{
    public NpgsqlDataSource Target => target;

    /// <summary>The latest unfinished run with exactly this scope, to resume instead of starting anew.</summary>
    public async Task<Guid?> FindResumableRunAsync(string[] districts, string[] entities, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT run_id FROM ferry.run WHERE state IN ('running', 'failed', 'stopped') AND NOT dry_run AND districts = $1 AND entities = $2 ORDER BY started_at DESC LIMIT 1");
        cmd.Parameters.AddWithValue(districts);
        cmd.Parameters.AddWithValue(entities);
        return await cmd.ExecuteScalarAsync(cancellationToken) is Guid g ? g : null;
    }

    public async Task CreateOrResumeRunAsync(Guid runId, string[] districts, string[] entities, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "INSERT INTO ferry.run (run_id, state, districts, entities, host) VALUES ($1, 'running', $2, $3, $4) " +
            "ON CONFLICT (run_id) DO UPDATE SET state = 'running', finished_at = NULL, message = NULL");
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(districts);
        cmd.Parameters.AddWithValue(entities);
        cmd.Parameters.AddWithValue(Environment.MachineName);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishRunAsync(Guid runId, string state, string? message, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "UPDATE ferry.run SET state = $2, message = $3, finished_at = CASE WHEN $2 = 'running' THEN NULL ELSE now() END WHERE run_id = $1");
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(state);
        cmd.Parameters.AddWithValue((object?)message ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async Task<LoadState?> GetLoadAsync(Guid tenant, string entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand("SELECT run_id, state, source_rows, batches, change_position FROM ferry.load WHERE tenant_id = $1 AND entity = $2");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LoadState(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    /// <summary>Records a planned load and all its batches in one transaction; false if another process planned it first.</summary>
    public async Task<bool> PlanLoadAsync(Guid runId, string district, Guid tenant, string entity, long sourceRows, string? changePosition, IReadOnlyList<BatchDescriptor> batches, CancellationToken cancellationToken)
    {
        await using var conn = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var load = new NpgsqlCommand(
            "INSERT INTO ferry.load (tenant_id, entity, district_id, run_id, state, source_rows, batches, change_position) VALUES ($1, $2, $3, $4, 'planned', $5, $6, $7) ON CONFLICT DO NOTHING", conn, tx))
        {
            load.Parameters.AddWithValue(tenant);
            load.Parameters.AddWithValue(entity);
            load.Parameters.AddWithValue(district);
            load.Parameters.AddWithValue(runId);
            load.Parameters.AddWithValue(sourceRows);
            load.Parameters.AddWithValue(batches.Count);
            load.Parameters.AddWithValue((object?)changePosition ?? DBNull.Value);
            if (await load.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var importer = await conn.BeginBinaryImportAsync(
            "COPY ferry.batch (run_id, tenant_id, district_id, entity, batch_no, lower_key, upper_key, null_keys) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var b in batches)
            {
                await importer.WriteRowAsync(cancellationToken, b.RunId, b.Tenant, b.District, b.Entity, b.BatchNo, (object?)b.Lower ?? DBNull.Value, (object?)b.Upper ?? DBNull.Value, b.NullKeys);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<BatchDescriptor>> PendingBatchesAsync(Guid tenant, string entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT b.run_id, b.district_id, b.batch_no, b.lower_key, b.upper_key, b.null_keys FROM ferry.batch b JOIN ferry.load l " +
            "ON l.tenant_id = b.tenant_id AND l.entity = b.entity AND l.run_id = b.run_id WHERE b.tenant_id = $1 AND b.entity = $2 AND b.state = 'pending' ORDER BY b.batch_no");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        var result = new List<BatchDescriptor>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new BatchDescriptor(
                reader.GetGuid(0), reader.GetString(1), tenant, entity, reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5)));
        }

        return result;
    }

    /// <summary>
    /// Marks a load loaded once no batch of it is pending; a load planned from an estimate then records the rows its
    /// batches read. False when it is not (yet) complete, or was marked before.
    /// </summary>
    public async Task<bool> CompleteLoadAsync(Guid tenant, string entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "UPDATE ferry.load l SET state = 'loaded', loaded_at = now(), " +
            "source_rows = CASE WHEN l.rows_estimated THEN (SELECT coalesce(sum(b.rows_read), 0) FROM ferry.batch b WHERE b.tenant_id = l.tenant_id AND b.entity = l.entity AND b.run_id = l.run_id) ELSE l.source_rows END, " +
            "rows_estimated = false WHERE l.tenant_id = $1 AND l.entity = $2 AND l.state = 'planned' " +
            "AND (SELECT count(*) FILTER (WHERE b.state = 'pending') FROM ferry.batch b WHERE b.run_id = l.run_id AND b.tenant_id = l.tenant_id AND b.entity = l.entity) = 0");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Ids of rows of an entity that this tenant's loads rejected: their children would dangle.</summary>
    public async Task<HashSet<Guid>> RejectedIdsAsync(Guid tenant, string entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT DISTINCT id FROM ferry.quarantine WHERE tenant_id = $1 AND entity = $2 AND action = 'rejected' AND id IS NOT NULL");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        var ids = new HashSet<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }


    /// <summary>Whether every (tenant, entity) pair given is loaded already, so a run over them has nothing to do.</summary>
    public async Task<bool> AllLoadedAsync(IReadOnlyCollection<Guid> tenants, IReadOnlyCollection<string> entities, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT count(*) FROM ferry.load WHERE state = 'loaded' AND tenant_id = ANY($1) AND entity = ANY($2)");
        cmd.Parameters.AddWithValue(tenants.ToArray());
        cmd.Parameters.AddWithValue(entities.ToArray());
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == (long)tenants.Count * entities.Count;
    }

    // The load's batches are found through the batch table's primary key (run, tenant, entity). A filter on the
    // state or the bundle in the WHERE clause would let the planner pick a partial index instead (every pending
    // batch of the run, or every bundled batch of the tenant) and read it once per load: quadratic in the entities.
    private const string SelectLoads =
        "SELECT l.entity, l.run_id, l.state, coalesce(l.source_rows, 0), l.batches, coalesce(b.pending, 0)::int, b.bundle, l.orphans_by_key " +
        "FROM ferry.load l LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE x.state = 'pending') AS pending, min(x.bundle_no) AS bundle " +
        "  FROM ferry.batch x WHERE x.run_id = l.run_id AND x.tenant_id = l.tenant_id AND x.entity = l.entity) b ON true ";

    /// <summary>Every recorded load of a tenant, with its pending batches and bundle: one query for a whole district.</summary>
    public async Task<IReadOnlyDictionary<string, LoadRow>> LoadsAsync(Guid tenant, CancellationToken cancellationToken) =>
        await ReadLoadsAsync(SelectLoads + "WHERE l.tenant_id = $1", tenant, null, cancellationToken);

    /// <summary>The recorded load of one tenant's entity, or null.</summary>
    public async Task<LoadRow?> LoadAsync(Guid tenant, string entity, CancellationToken cancellationToken) =>
        (await ReadLoadsAsync(SelectLoads + "WHERE l.tenant_id = $1 AND l.entity = $2", tenant, entity, cancellationToken)).GetValueOrDefault(entity);

    private async Task<IReadOnlyDictionary<string, LoadRow>> ReadLoadsAsync(string sql, Guid tenant, string? entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(sql);
        cmd.Parameters.AddWithValue(tenant);
        if (entity is not null)
        {
            cmd.Parameters.AddWithValue(entity);
        }

        var loads = new Dictionary<string, LoadRow>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            loads[name] = new LoadRow(name, reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetFieldValue<int[]>(7));
        }

        return loads;
    }

    /// <summary>
    /// Records the loads of a plan with their batches, bundles and orphan keys in one transaction. A load another
    /// process recorded first is left as it is (with its own batches), so recording a plan twice is harmless.
    /// Returns the entities recorded now.
    /// </summary>
    public async Task<IReadOnlyList<string>> SavePlanAsync(IReadOnlyList<LoadPlanRecord> loads, CancellationToken cancellationToken)
    {
        var recorded = new List<LoadPlanRecord>();
        await using var conn = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO ferry.load (tenant_id, entity, district_id, run_id, state, source_rows, batches, change_position, rows_estimated, orphans_by_key) " +
            "SELECT t, e, d, r, s, n, b, c, x, CASE WHEN k = '' THEN '{}'::int[] ELSE string_to_array(k, ',')::int[] END " +
            "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::int[], $8::text[], $9::boolean[], $10::text[]) AS u(t, e, d, r, s, n, b, c, x, k) " +
            "ON CONFLICT DO NOTHING RETURNING entity", conn, tx))
        {
            insert.Parameters.AddWithValue(loads.Select(l => l.Tenant).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.Entity).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.District).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.RunId).ToArray());
            insert.Parameters.AddWithValue(loads.Select(_ => "planned").ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.SourceRows).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.Batches.Count).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.ChangePosition).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => l.Estimated).ToArray());
            insert.Parameters.AddWithValue(loads.Select(l => string.Join(',', l.OrphansByKey)).ToArray());
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted.Add(reader.GetString(0));
                }
            }

            recorded.AddRange(loads.Where(l => inserted.Contains(l.Entity)));
        }

        await using (var importer = await conn.BeginBinaryImportAsync(
            "COPY ferry.batch (run_id, tenant_id, district_id, entity, batch_no, lower_key, upper_key, null_keys, bundle_no) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var load in recorded)
            {
                foreach (var b in load.Batches)
                {
                    await importer.WriteRowAsync(cancellationToken, b.RunId, b.Tenant, b.District, b.Entity, b.BatchNo, (object?)b.Lower ?? DBNull.Value, (object?)b.Upper ?? DBNull.Value, b.NullKeys, (object?)load.Bundle ?? DBNull.Value);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using (var importer = await conn.BeginBinaryImportAsync("COPY ferry.orphan_key (tenant_id, entity, reference_no, parent_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var load in recorded)
            {
                foreach (var (reference, parent) in load.Orphans.Distinct())
                {
                    await importer.WriteRowAsync(cancellationToken, load.Tenant, load.Entity, reference, parent);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return recorded.Select(l => l.Entity).ToList();
    }

    /// <summary>One batch of a recorded load, with the run that planned it; null when there is none.</summary>
    public async Task<BatchDescriptor?> BatchAsync(Guid tenant, string entity, int batchNo, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT b.run_id, b.district_id, b.lower_key, b.upper_key, b.null_keys FROM ferry.batch b JOIN ferry.load l " +
            "ON l.tenant_id = b.tenant_id AND l.entity = b.entity AND l.run_id = b.run_id WHERE b.tenant_id = $1 AND b.entity = $2 AND b.batch_no = $3");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        cmd.Parameters.AddWithValue(batchNo);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BatchDescriptor(reader.GetGuid(0), reader.GetString(1), tenant, entity, batchNo,
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4))
            : null;
    }

    /// <summary>The batches of one bundle of a run, in entity order.</summary>
    public async Task<IReadOnlyList<BatchDescriptor>> BundleAsync(Guid runId, Guid tenant, int bundle, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT district_id, entity, batch_no, lower_key, upper_key, null_keys FROM ferry.batch WHERE run_id = $1 AND tenant_id = $2 AND bundle_no = $3 ORDER BY entity, batch_no");
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(bundle);
        var batches = new List<BatchDescriptor>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(new BatchDescriptor(runId, reader.GetString(0), tenant, reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5)));
        }

        return batches;
    }

    /// <summary>Per reference number, the parent ids planning found missing for this load.</summary>
    public async Task<IReadOnlyDictionary<int, HashSet<Guid>>> OrphanKeysAsync(Guid tenant, string entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand("SELECT reference_no, parent_id FROM ferry.orphan_key WHERE tenant_id = $1 AND entity = $2");
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        var result = new Dictionary<int, HashSet<Guid>>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var reference = reader.GetInt32(0);
            if (!result.TryGetValue(reference, out var set))
            {
                result[reference] = set = [];
            }

            set.Add(reader.GetGuid(1));
        }

        return result;
    }

    /// <summary>Whether some batch the run planned is still pending (another process may be executing it).</summary>
    public async Task<bool> HasPendingBatchesAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand("SELECT EXISTS (SELECT 1 FROM ferry.batch WHERE run_id = $1 AND state = 'pending')");
        cmd.Parameters.AddWithValue(runId);
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }
}
