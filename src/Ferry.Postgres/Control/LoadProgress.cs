using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>What the target records about one (tenant, entity) load: whether it finished, and how many of its batches are pending.</summary>
public sealed record LoadProgress(Guid Tenant, string Entity, bool Loaded, int PendingBatches)
{
    /// <summary>Every load the target records, or none when it has no toolkit schema yet (reading it creates nothing).</summary>
    public static async Task<IReadOnlyList<LoadProgress>> ReadIfPresentAsync(NpgsqlDataSource target, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('ferry.load') IS NOT NULL AND to_regclass('ferry.batch') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return [];
            }
        }

        var loads = new List<LoadProgress>();
        await using var command = new NpgsqlCommand(
            // count ... FILTER rather than a state condition, so the batches are found by the primary key (see RunStore).
            "SELECT l.tenant_id, l.entity, l.state = 'loaded', " +
            "(SELECT count(*) FILTER (WHERE b.state = 'pending') FROM ferry.batch b WHERE b.run_id = l.run_id AND b.tenant_id = l.tenant_id AND b.entity = l.entity)::integer " +
            "FROM ferry.load l",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            loads.Add(new LoadProgress(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3)));
        }

        return loads;
    }
}
