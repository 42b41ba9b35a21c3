using Ferry.Core.Planning;
using Npgsql;

namespace Ferry.Engine.Running;

/// <summary>Reads and writes the run, load and batch rows of the <c>ferry</c> schema of one target database.</summary>
internal sealed class ControlStore(NpgsqlDataSource target)
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

    /// <summary>Marks a load loaded once no batch of it is pending.</summary>
    public async Task<bool> CompleteLoadAsync(Guid tenant, string entity, CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "UPDATE ferry.load l SET state = 'loaded', loaded_at = now() WHERE l.tenant_id = $1 AND l.entity = $2 AND l.state = 'planned' " +
            "AND NOT EXISTS (SELECT 1 FROM ferry.batch b WHERE b.tenant_id = l.tenant_id AND b.entity = l.entity AND b.run_id = l.run_id AND b.state = 'pending')");
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
}
