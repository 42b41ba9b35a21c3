using System.Text.Json;
using Npgsql;

namespace Ferry.Postgres.Control.Deltas;

/// <summary>What a purge removed from one target database, kind by kind: rows touched, and a checksum of what they held.</summary>
public sealed record PurgeSummary(IReadOnlyDictionary<string, PurgedKind> Kinds);

/// <summary>Rows of one kind a purge emptied or removed, their quarantine reasons where they have one, and the md5 of their content before.</summary>
public sealed record PurgedKind(long Rows, string? Checksum, IReadOnlyDictionary<string, long>? Reasons = null);

/// <summary>
/// Removes the personal data the toolkit kept for a cut-over district, older than a date, in one transaction, and
/// records what it removed (<c>ferry.purge</c>): quarantined originals (the entries stay, with reason, key and id, so
/// counts still reconcile; their row becomes <c>{}</c>), before-images (deleted: the runs they belong to can no longer be
/// rolled back), resolved quarantine entries' rows and conflicting rows' versions (emptied).
/// </summary>
public static class PersonalDataPurge
{
    public static async Task<PurgeSummary> PurgeAsync(NpgsqlDataSource target, Guid tenant, string district, DateTime before, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var kinds = new Dictionary<string, PurgedKind>(StringComparer.Ordinal)
        {
            ["quarantine"] = await KindAsync(connection, transaction, tenant, before,
                "SELECT coalesce(sum(g.n), 0)::bigint, (SELECT md5(string_agg(q.row::text, '' ORDER BY q.quarantine_id)) FROM ferry.quarantine q WHERE q.tenant_id = $1 AND q.at < $2 AND q.row <> '{}'::jsonb), " +
                "jsonb_object_agg(g.reason_code, g.n) FROM (SELECT reason_code, count(*) AS n FROM ferry.quarantine WHERE tenant_id = $1 AND at < $2 AND row <> '{}'::jsonb GROUP BY reason_code) g",
                "UPDATE ferry.quarantine SET row = '{}'::jsonb WHERE tenant_id = $1 AND at < $2 AND row <> '{}'::jsonb", cancellationToken),
            ["before_image"] = await KindAsync(connection, transaction, tenant, before,
                "SELECT count(*), md5(string_agg(coalesce(row::text, ''), '' ORDER BY image_no)), NULL::jsonb FROM ferry.before_image WHERE tenant_id = $1 AND at < $2",
                "DELETE FROM ferry.before_image WHERE tenant_id = $1 AND at < $2", cancellationToken),
            ["quarantine_resolution"] = await KindAsync(connection, transaction, tenant, before,
                "SELECT count(*), md5(string_agg(row::text, '' ORDER BY quarantine_id)), NULL::jsonb FROM ferry.quarantine_resolution WHERE tenant_id = $1 AND resolved_at < $2 AND row IS NOT NULL",
                "UPDATE ferry.quarantine_resolution SET row = NULL WHERE tenant_id = $1 AND resolved_at < $2 AND row IS NOT NULL", cancellationToken),
            ["delta_conflict"] = await KindAsync(connection, transaction, tenant, before,
                "SELECT count(*), md5(string_agg(coalesce(target_row::text, '') || coalesce(legacy_row::text, ''), '' ORDER BY conflict_id)), NULL::jsonb FROM ferry.delta_conflict WHERE tenant_id = $1 AND detected_at < $2 AND (target_row IS NOT NULL OR legacy_row IS NOT NULL)",
                "UPDATE ferry.delta_conflict SET target_row = NULL, legacy_row = NULL WHERE tenant_id = $1 AND detected_at < $2", cancellationToken),
        };
        var summary = new PurgeSummary(kinds);
        await using (var record = new NpgsqlCommand("INSERT INTO ferry.purge (tenant_id, district_id, before, summary) VALUES ($1, $2, $3, $4::jsonb)", connection, transaction))
        {
            record.Parameters.AddWithValue(tenant);
            record.Parameters.AddWithValue(district);
            record.Parameters.AddWithValue(before);
            record.Parameters.AddWithValue(JsonSerializer.Serialize(summary));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    /// <summary>The tenant's purges: when, up to which date, and the summary as JSON.</summary>
    public static async Task<IReadOnlyList<(DateTime PurgedAt, DateTime Before, string Summary)>> HistoryAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT purged_at, before, summary::text FROM ferry.purge WHERE tenant_id = $1 ORDER BY purged_at");
        command.Parameters.AddWithValue(tenant);
        var list = new List<(DateTime, DateTime, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetDateTime(0), reader.GetDateTime(1), reader.GetString(2)));
        }

        return list;
    }

    private static async Task<PurgedKind> KindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenant, DateTime before, string measure, string purge, CancellationToken cancellationToken)
    {
        PurgedKind kind;
        await using (var command = new NpgsqlCommand(measure, connection, transaction))
        {
            command.Parameters.AddWithValue(tenant);
            command.Parameters.AddWithValue(before);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            kind = new PurgedKind(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(2)));
        }

        await using (var command = new NpgsqlCommand(purge, connection, transaction))
        {
            command.Parameters.AddWithValue(tenant);
            command.Parameters.AddWithValue(before);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return kind;
    }
}
