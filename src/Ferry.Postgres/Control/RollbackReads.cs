using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>A row of <c>ferry.run</c> as a rollback sees it.</summary>
public sealed record RunRecord(Guid RunId, string Kind, string State, DateTime StartedAt, string[] Districts, Guid? RollbackOf);

/// <summary>A run that has work for a tenant in a target database (a load it owns, or before-images), and when it last committed a batch for it.</summary>
public sealed record RunWork(Guid RunId, string Kind, DateTime StartedAt, DateTime? LastCommit);

/// <summary>
/// What a rollback plan reads from one target database: runs, who owns which load, which load a reload replaced,
/// what the runs touched, and how many rows and images there are. Read-only.
/// </summary>
public static class RollbackReads
{
    public static async Task<RunRecord?> RunAsync(NpgsqlDataSource target, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT run_id, kind, state, started_at, districts, rollback_of FROM ferry.run WHERE run_id = $1 AND NOT dry_run");
        command.Parameters.AddWithValue(runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RunRecord(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3), reader.GetFieldValue<string[]>(4), reader.IsDBNull(5) ? null : reader.GetGuid(5))
            : null;
    }

    /// <summary>Runs (not rollbacks) that own a load of the tenant or hold before-images of its rows.</summary>
    public static async Task<IReadOnlyList<RunWork>> RunsWithWorkAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT r.run_id, r.kind, r.started_at, (SELECT max(b.committed_at) FROM ferry.batch b WHERE b.run_id = r.run_id AND b.tenant_id = $1) " +
            "FROM ferry.run r WHERE r.kind <> 'rollback' AND r.run_id IN (SELECT run_id FROM ferry.load WHERE tenant_id = $1 UNION SELECT run_id FROM ferry.before_image WHERE tenant_id = $1) " +
            "ORDER BY r.started_at, r.run_id");
        command.Parameters.AddWithValue(tenant);
        var runs = new List<RunWork>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunWork(reader.GetGuid(0), reader.GetString(1), reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetDateTime(3)));
        }

        return runs;
    }

    /// <summary>The run that owns each loaded (or planned) entity of the tenant.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> LoadOwnersAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT entity, run_id FROM ferry.load WHERE tenant_id = $1");
        command.Parameters.AddWithValue(tenant);
        var owners = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[reader.GetString(0)] = reader.GetGuid(1);
        }

        return owners;
    }

    /// <summary>For each run that replaced a load of the tenant (a reload), the run that owned the load it replaced, by (run, entity).</summary>
    public static async Task<IReadOnlyDictionary<(Guid Run, string Entity), Guid>> ReplacedLoadsAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT run_id, entity, (row->>'run_id')::uuid FROM ferry.before_image WHERE tenant_id = $1 AND relation = $2 AND row ? 'run_id'");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(BeforeImages.Relation("ferry.load"));
        var replaced = new Dictionary<(Guid, string), Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            replaced[(reader.GetGuid(0), reader.GetString(1))] = reader.GetGuid(2);
        }

        return replaced;
    }

    /// <summary>Entities of the tenant that any of <paramref name="runs"/> loaded, planned, quarantined, counted or kept images of.</summary>
    public static async Task<IReadOnlyList<string>> TouchedEntitiesAsync(NpgsqlDataSource target, Guid tenant, IReadOnlyList<Guid> runs, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT entity FROM ferry.load WHERE tenant_id = $1 AND run_id = ANY($2) UNION SELECT entity FROM ferry.batch WHERE tenant_id = $1 AND run_id = ANY($2) " +
            "UNION SELECT entity FROM ferry.quarantine WHERE tenant_id = $1 AND run_id = ANY($2) UNION SELECT entity FROM ferry.value_change WHERE tenant_id = $1 AND run_id = ANY($2) " +
            "UNION SELECT entity FROM ferry.before_image WHERE tenant_id = $1 AND run_id = ANY($2) ORDER BY 1");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(runs.ToArray());
        var entities = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entities.Add(reader.GetString(0));
        }

        return entities;
    }

    /// <summary>The tenant's rows in a target table.</summary>
    public static async Task<long> CountRowsAsync(NpgsqlDataSource target, string schema, string table, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand($"SELECT count(*) FROM {PgIdentifier.Qualified(schema, table)} WHERE tenant_id = $1");
        command.Parameters.AddWithValue(tenant);
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows whose earliest image among <paramref name="runs"/> (oldest first) is an insert (they go), and the others (they come back).</summary>
    public static async Task<(long Inserted, long Restored)> CountImagesAsync(NpgsqlDataSource target, Guid tenant, string schema, string table, IReadOnlyList<Guid> runs, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand();
        var images = BeforeImages.Earliest(command, tenant, PgIdentifier.Qualified(schema, table), runs, Core.Rollback.UuidRange.All);
        command.CommandText = $"SELECT count(*) FILTER (WHERE i.op = 'insert'), count(*) FILTER (WHERE i.op <> 'insert') FROM ({images}) i";
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Whether the table has a valid index leading with (tenant_id, id), so a range of ids is found without a scan (it
    /// has none while its indexes are deferred by a load that has not finished).
    /// </summary>
    public static async Task<bool> HasIdIndexAsync(NpgsqlDataSource target, string schema, string table, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = to_regclass($1) AND i.indisvalid AND i.indnkeyatts >= 2 " +
            "AND (SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = i.indrelid AND attnum = i.indkey[0]) = 'tenant_id' " +
            "AND (SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = i.indrelid AND attnum = i.indkey[1]) = 'id')");
        command.Parameters.AddWithValue(PgIdentifier.Qualified(schema, table));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The tenant a district is registered under in this target, if it is.</summary>
    public static async Task<Guid?> RegisteredTenantAsync(NpgsqlDataSource target, string district, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT tenant_id FROM ferry.district WHERE district_id = $1");
        command.Parameters.AddWithValue(district);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid g ? g : null;
    }

    /// <summary>Whether anything of the tenant's is left to roll back here: a load, or a before-image.</summary>
    public static async Task<bool> TenantHasWorkAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM ferry.load WHERE tenant_id = $1) OR EXISTS (SELECT 1 FROM ferry.before_image WHERE tenant_id = $1)");
        command.Parameters.AddWithValue(tenant);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
