using Ferry.Core.Tenancy;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>The registrations of one target database (<c>ferry.district</c>): read, recorded, and re-pointed to a moved database.</summary>
public static class DistrictRegistry
{
    /// <summary>The registrations, or none when the target has no toolkit schema yet (reading it creates nothing).</summary>
    public static async Task<IReadOnlyList<DistrictRegistration>> ReadIfPresentAsync(NpgsqlDataSource target, CancellationToken cancellationToken)
    {
        await using var exists = target.CreateCommand("SELECT to_regclass('ferry.district') IS NOT NULL");
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? await ReadAsync(target, cancellationToken) : [];
    }

    public static async Task<IReadOnlyList<DistrictRegistration>> ReadAsync(NpgsqlDataSource target, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT district_id, tenant_id, uuid_namespace, source_fingerprint, source_server, source_database FROM ferry.district ORDER BY district_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<DistrictRegistration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DistrictRegistration(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return result;
    }

    /// <summary>
    /// Records each district not registered yet, and moves a registered one to its database's new fingerprint
    /// (keeping the previous one); true for each district whose fingerprint was moved. Registrations that already
    /// match are left alone, so recording is idempotent.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(NpgsqlDataSource target, IReadOnlyList<DistrictRegistration> districts, Guid runId, CancellationToken cancellationToken)
    {
        var moved = new List<string>();
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var d in districts)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO ferry.district (district_id, tenant_id, uuid_namespace, source_fingerprint, source_server, source_database, registered_by) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (district_id) DO NOTHING", connection, tx);
            insert.Parameters.AddWithValue(d.DistrictId);
            insert.Parameters.AddWithValue(d.Tenant);
            insert.Parameters.AddWithValue(d.Namespace);
            insert.Parameters.AddWithValue(d.Fingerprint);
            insert.Parameters.AddWithValue(d.Server);
            insert.Parameters.AddWithValue(d.Database);
            insert.Parameters.AddWithValue(runId);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                continue;
            }

            await using var move = new NpgsqlCommand(
                "UPDATE ferry.district SET previous_fingerprint = source_fingerprint, source_fingerprint = $2, source_server = $3, source_database = $4, " +
                "source_changed_at = now(), source_changed_by = $5 WHERE district_id = $1 AND source_fingerprint <> $2", connection, tx);
            move.Parameters.AddWithValue(d.DistrictId);
            move.Parameters.AddWithValue(d.Fingerprint);
            move.Parameters.AddWithValue(d.Server);
            move.Parameters.AddWithValue(d.Database);
            move.Parameters.AddWithValue(runId);
            if (await move.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                moved.Add(d.DistrictId);
            }
        }

        await tx.CommitAsync(cancellationToken);
        return moved;
    }
}
