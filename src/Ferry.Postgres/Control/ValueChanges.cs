using Ferry.Core.Planning;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// Counts of values a batch changed by a documented rule (today one: digits below a microsecond truncated), written
/// inside the batch's own transaction so they commit or vanish with its rows.
/// </summary>
public static class ValueChanges
{
    public const string SubMicrosecondTruncated = "sub_microsecond_truncated";

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
}
