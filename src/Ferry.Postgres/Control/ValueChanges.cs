using Ferry.Core.Planning;
using Ferry.Core.Reconciliation;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// Counts of values a batch changed by a documented rule (today one: digits below a microsecond truncated), written
/// inside the batch's own transaction so they commit or vanish with its rows, and read back per column for the
/// reports, <c>dm status</c> and <c>dm verify</c>: of a run, of the loads a verification compared, or of each
/// (district, entity)'s current load.
/// </summary>
public static class ValueChanges
{
    public const string SubMicrosecondTruncated = ValueChange.SubMicrosecondTruncated;

    public static async Task WriteAsync(NpgsqlConnection connection, BatchDescriptor batch, string rule, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken)
    {
        if (counts.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO ferry.value_change (run_id, tenant_id, district_id, entity, batch_no, column_name, rule, value_count) " +
            "SELECT $1, $2, $3, $4, $5, c, $6, n FROM unnest($7::text[], $8::bigint[]) AS u(c, n) " +
            "ON CONFLICT (run_id, tenant_id, entity, batch_no, column_name, rule) DO UPDATE SET value_count = excluded.value_count",
            connection);
        command.Parameters.AddWithValue(batch.RunId);
        command.Parameters.AddWithValue(batch.Tenant);
        command.Parameters.AddWithValue(batch.District);
        command.Parameters.AddWithValue(batch.Entity);
        command.Parameters.AddWithValue(batch.BatchNo);
        command.Parameters.AddWithValue(rule);
        command.Parameters.AddWithValue(counts.Keys.ToArray());
        command.Parameters.AddWithValue(counts.Values.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Per (district, entity), what the run's batches changed.</summary>
    public static Task<Dictionary<(string District, string Entity), IReadOnlyList<ValueChange>>> OfRunAsync(NpgsqlDataSource target, Guid runId, CancellationToken cancellationToken) =>
        ByEntityAsync(target,
            "SELECT district_id, entity, column_name, rule, sum(value_count)::bigint FROM ferry.value_change WHERE run_id = $1 " +
            "GROUP BY district_id, entity, column_name, rule ORDER BY district_id, entity, column_name, rule",
            runId, cancellationToken);

    /// <summary>Per (district, entity) of a stored verification, what the load it compared changed.</summary>
    public static Task<Dictionary<(string District, string Entity), IReadOnlyList<ValueChange>>> OfVerificationAsync(NpgsqlDataSource target, Guid verifyId, CancellationToken cancellationToken) =>
        ByEntityAsync(target,
            "SELECT e.district_id, e.entity, v.column_name, v.rule, sum(v.value_count)::bigint FROM ferry.verify_entity e " +
            "JOIN ferry.value_change v ON v.run_id = e.load_run_id AND v.tenant_id = e.tenant_id AND v.entity = e.entity WHERE e.verify_id = $1 " +
            "GROUP BY e.district_id, e.entity, v.column_name, v.rule ORDER BY e.district_id, e.entity, v.column_name, v.rule",
            verifyId, cancellationToken);

    /// <summary>Per (district, entity), what its current load (the run recorded in ferry.load) changed.</summary>
    public static Task<Dictionary<(string District, string Entity), IReadOnlyList<ValueChange>>> OfLoadsAsync(NpgsqlDataSource target, CancellationToken cancellationToken) =>
        ByEntityAsync(target,
            "SELECT l.district_id, l.entity, v.column_name, v.rule, sum(v.value_count)::bigint FROM ferry.load l " +
            "JOIN ferry.value_change v ON v.run_id = l.run_id AND v.tenant_id = l.tenant_id AND v.entity = l.entity " +
            "GROUP BY l.district_id, l.entity, v.column_name, v.rule ORDER BY l.district_id, l.entity, v.column_name, v.rule",
            null, cancellationToken);

    /// <summary>What the load <paramref name="runId"/> of one tenant's entity changed, read in that tenant's session.</summary>
    public static async Task<IReadOnlyList<ValueChange>> OfLoadAsync(NpgsqlCommand command, Guid tenant, string entity, Guid runId, CancellationToken cancellationToken)
    {
        command.CommandText =
            "SELECT column_name, rule, sum(value_count)::bigint FROM ferry.value_change WHERE tenant_id = $1 AND entity = $2 AND run_id = $3 " +
            "GROUP BY column_name, rule ORDER BY column_name, rule";
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(entity);
        command.Parameters.AddWithValue(runId);
        var changes = new List<ValueChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new ValueChange(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return changes;
    }

    private static async Task<Dictionary<(string District, string Entity), IReadOnlyList<ValueChange>>> ByEntityAsync(
        NpgsqlDataSource target, string sql, Guid? id, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(sql);
        if (id is { } value)
        {
            command.Parameters.AddWithValue(value);
        }

        var found = new Dictionary<(string, string), List<ValueChange>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!found.TryGetValue(key, out var list))
                {
                    found[key] = list = [];
                }

                list.Add(new ValueChange(reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
            }
        }

        return found.ToDictionary(x => x.Key, x => (IReadOnlyList<ValueChange>)x.Value);
    }
}
