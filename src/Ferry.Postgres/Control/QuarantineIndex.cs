using Ferry.Core.Reconciliation;
using Ferry.Postgres.Target;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// What the target's own tables say about one (tenant, entity), read before the comparison: the rejected rows by
/// id (<see cref="Ledger"/>); the rejected ids that nevertheless have a target row (<see cref="Duplicates"/>: a
/// duplicated key, one copy loaded); the ids whose key column had NUL characters stripped (their stored id, derived
/// from the key before the fix, is authoritative); and the load that brought the entity in, if any, with the values
/// it changed by a documented rule (<see cref="ValueChanges"/>).
/// </summary>
public sealed record QuarantineIndex(
    QuarantineLedger Ledger,
    IReadOnlySet<Guid> Duplicates,
    IReadOnlySet<Guid> KeyFixed,
    Guid? LoadRunId,
    string? LoadState)
{
    public IReadOnlyList<ValueChange> ValueChanges { get; init; } = [];

    /// <summary>Reads the index of <paramref name="entity"/> (held in <paramref name="targetTable"/>, already quoted) for the tenant.</summary>
    public static async Task<QuarantineIndex> ReadAsync(
        NpgsqlDataSource target, Guid tenant, string entity, string targetTable, IReadOnlyList<string> keyColumns, CancellationToken cancellationToken)
    {
        await using var session = await TargetSession.OpenAsync(target, tenant, cancellationToken);
        var rejected = new Dictionary<Guid, int>();
        long withoutId = 0;
        await using (var cmd = session.Command("SELECT id, count(*) FROM ferry.quarantine WHERE tenant_id = $1 AND entity = $2 AND action = 'rejected' GROUP BY id"))
        {
            cmd.Parameters.AddWithValue(tenant);
            cmd.Parameters.AddWithValue(entity);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    withoutId += reader.GetInt64(1);
                }
                else
                {
                    rejected[reader.GetGuid(0)] = (int)reader.GetInt64(1);
                }
            }
        }

        var duplicates = await IdsAsync(session,
            $"SELECT DISTINCT q.id FROM ferry.quarantine q JOIN {targetTable} t ON t.\"tenant_id\" = q.tenant_id AND t.\"id\" = q.id " +
            "WHERE q.tenant_id = $1 AND q.entity = $2 AND q.action = 'rejected'",
            tenant, entity, null, cancellationToken);
        var keyFixed = await IdsAsync(session,
            "SELECT DISTINCT id FROM ferry.quarantine WHERE tenant_id = $1 AND entity = $2 AND action = 'stripped' AND id IS NOT NULL AND column_name = ANY($3)",
            tenant, entity, keyColumns.ToArray(), cancellationToken);

        Guid? run = null;
        string? state = null;
        await using (var cmd = session.Command("SELECT run_id, state FROM ferry.load WHERE tenant_id = $1 AND entity = $2"))
        {
            cmd.Parameters.AddWithValue(tenant);
            cmd.Parameters.AddWithValue(entity);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                run = reader.GetGuid(0);
                state = reader.GetString(1);
            }
        }

        IReadOnlyList<ValueChange> changes = [];
        if (run is { } loadRun)
        {
            await using var cmd = session.Command("");
            changes = await Control.ValueChanges.OfLoadAsync(cmd, tenant, entity, loadRun, cancellationToken);
        }

        return new QuarantineIndex(new QuarantineLedger(rejected, withoutId), duplicates, keyFixed, run, state) { ValueChanges = changes };
    }

    private static async Task<HashSet<Guid>> IdsAsync(TargetSession session, string sql, Guid tenant, string entity, string[]? columns, CancellationToken cancellationToken)
    {
        await using var cmd = session.Command(sql);
        cmd.Parameters.AddWithValue(tenant);
        cmd.Parameters.AddWithValue(entity);
        if (columns is not null)
        {
            cmd.Parameters.AddWithValue(columns);
        }

        var ids = new HashSet<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
