using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// The leases of one target database (<c>ferry.lease</c>): a run's, renewed by whoever executes work for it, and one
/// per district naming the operation (run) that works on it. A lease lives until its expiry; renewing pushes that
/// back. Nothing here waits on a session staying open, so a lost connection can no longer let another run restore
/// constraints while work is in flight, and a killed process holds nothing for longer than the time to live.
/// </summary>
public static class Leases
{
    /// <summary>
    /// The fence a work item's transaction takes before it commits: the run's lease must be live, and it stays so (the
    /// row is share-locked) until the transaction ends, because breaking a lease must wait for that lock.
    /// </summary>
    public const string Fence = "SELECT 1 FROM ferry.lease WHERE kind = 'run' AND key = $1 AND expires_at > now() FOR SHARE";

    /// <summary>Takes or renews the run's lease (a lapsed one is taken back). Always succeeds: a run never contends with itself.</summary>
    public static async Task AcquireRunAsync(NpgsqlDataSource target, Guid runId, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "INSERT INTO ferry.lease (kind, key, run_id, holder, expires_at) VALUES ('run', $1::text, $1, $2, now() + $3) " +
            "ON CONFLICT (kind, key) DO UPDATE SET holder = excluded.holder, renewed_at = now(), expires_at = excluded.expires_at");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(holder);
        command.Parameters.AddWithValue(ttl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the districts' leases for the run: each is taken unless another run holds it live. Returns the districts
    /// held by another run with that run's id (nothing is taken then: all or none).
    /// </summary>
    public static async Task<IReadOnlyList<(string District, Guid HeldBy, string Holder)>> AcquireDistrictsAsync(
        NpgsqlDataSource target, Guid runId, IReadOnlyCollection<string> districts, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand(
            "INSERT INTO ferry.lease (kind, key, run_id, holder, expires_at) SELECT 'district', d, $1, $2, now() + $3 FROM unnest($4::text[]) AS d " +
            "ON CONFLICT (kind, key) DO UPDATE SET run_id = excluded.run_id, holder = excluded.holder, acquired_at = now(), renewed_at = now(), expires_at = excluded.expires_at " +
            "WHERE ferry.lease.run_id = excluded.run_id OR ferry.lease.expires_at <= now()", connection, tx))
        {
            take.Parameters.AddWithValue(runId);
            take.Parameters.AddWithValue(holder);
            take.Parameters.AddWithValue(ttl);
            take.Parameters.AddWithValue(districts.ToArray());
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        var held = new List<(string, Guid, string)>();
        await using (var check = new NpgsqlCommand(
            "SELECT key, run_id, holder FROM ferry.lease WHERE kind = 'district' AND key = ANY($1) AND run_id <> $2 ORDER BY key", connection, tx))
        {
            check.Parameters.AddWithValue(districts.ToArray());
            check.Parameters.AddWithValue(runId);
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                held.Add((reader.GetString(0), reader.GetGuid(1), reader.GetString(2)));
            }
        }

        if (held.Count > 0)
        {
            await tx.RollbackAsync(cancellationToken);
            return held;
        }

        await tx.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// Pushes back the expiry of the run's lease and of the districts it holds; false when the run's lease had already
    /// lapsed (then nothing is renewed: the holder must take it back, see <see cref="AcquireRunAsync"/>).
    /// </summary>
    public static async Task<bool> RenewAsync(NpgsqlDataSource target, Guid runId, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var run = new NpgsqlCommand(
            "UPDATE ferry.lease SET holder = $2, renewed_at = now(), expires_at = now() + $3 WHERE kind = 'run' AND key = $1::text AND expires_at > now()", connection);
        run.Parameters.AddWithValue(runId);
        run.Parameters.AddWithValue(holder);
        run.Parameters.AddWithValue(ttl);
        if (await run.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await using var districts = new NpgsqlCommand(
            "UPDATE ferry.lease SET renewed_at = now(), expires_at = now() + $2 WHERE kind = 'district' AND run_id = $1", connection);
        districts.Parameters.AddWithValue(runId);
        districts.Parameters.AddWithValue(ttl);
        await districts.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Gives up every lease of the run (it finished, failed or stopped).</summary>
    public static async Task ReleaseAsync(NpgsqlDataSource target, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("DELETE FROM ferry.lease WHERE run_id = $1");
        command.Parameters.AddWithValue(runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Within <paramref name="transaction"/>: drops leases that have expired (waiting for any work still fenced on them
    /// to commit or roll back), then returns the runs other than <paramref name="runId"/> whose lease is live.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> OtherLiveRunsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, CancellationToken cancellationToken)
    {
        await using (var expire = new NpgsqlCommand("DELETE FROM ferry.lease WHERE expires_at <= now()", connection, transaction))
        {
            await expire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var live = new NpgsqlCommand("SELECT DISTINCT run_id FROM ferry.lease WHERE kind = 'run' AND run_id <> $1 ORDER BY run_id", connection, transaction);
        live.Parameters.AddWithValue(runId);
        var runs = new List<Guid>();
        await using var reader = await live.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(reader.GetGuid(0));
        }

        return runs;
    }

    /// <summary>Runs whose lease is live now, for status (a running run without one is abandoned).</summary>
    public static async Task<IReadOnlySet<Guid>> LiveRunsAsync(NpgsqlDataSource target, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT run_id FROM ferry.lease WHERE kind = 'run' AND expires_at > now()");
        var runs = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(reader.GetGuid(0));
        }

        return runs;
    }
}
