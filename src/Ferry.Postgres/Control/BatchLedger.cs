using Ferry.Core.Planning;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// The checkpoint rows a batch's own transaction locks and writes: claimed first (a batch done, or being done by
/// another process, is skipped, which makes delivering it twice harmless), fenced by its run's lease, and marked done
/// with its figures just before the commit that also makes its rows visible.
/// </summary>
public static class BatchLedger
{
    /// <summary>Locks the batch row (without waiting); true when it is pending, false when done or locked elsewhere.</summary>
    public static async Task<bool> ClaimAsync(NpgsqlConnection target, BatchDescriptor batch, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            "SELECT state FROM ferry.batch WHERE run_id = $1 AND tenant_id = $2 AND entity = $3 AND batch_no = $4 FOR UPDATE NOWAIT", target);
        claim.Parameters.AddWithValue(batch.RunId);
        claim.Parameters.AddWithValue(batch.Tenant);
        claim.Parameters.AddWithValue(batch.Entity);
        claim.Parameters.AddWithValue(batch.BatchNo);
        try
        {
            var state = await claim.ExecuteScalarAsync(cancellationToken) as string;
            return state == "pending";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    /// <summary>
    /// True while the run's lease is live; it then stays so until this transaction ends (see <see cref="Leases.Fence"/>).
    /// A run without a lease yet (a dry run) is not fenced.
    /// </summary>
    public static async Task<bool> FenceAsync(NpgsqlConnection target, Guid runId, CancellationToken cancellationToken)
    {
        await using var fence = new NpgsqlCommand(Leases.Fence, target);
        fence.Parameters.AddWithValue(runId.ToString());
        return await fence.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public static async Task CompleteAsync(
        NpgsqlConnection target, BatchDescriptor batch, long read, long loaded, long quarantined, long fixedRows, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        await using var done = new NpgsqlCommand(
            "UPDATE ferry.batch SET state = 'done', rows_read = $5, rows_loaded = $6, rows_quarantined = $7, rows_fixed = $8, elapsed_ms = $9, committed_at = now() " +
            "WHERE run_id = $1 AND tenant_id = $2 AND entity = $3 AND batch_no = $4",
            target);
        done.Parameters.AddWithValue(batch.RunId);
        done.Parameters.AddWithValue(batch.Tenant);
        done.Parameters.AddWithValue(batch.Entity);
        done.Parameters.AddWithValue(batch.BatchNo);
        done.Parameters.AddWithValue(read);
        done.Parameters.AddWithValue(loaded);
        done.Parameters.AddWithValue(quarantined);
        done.Parameters.AddWithValue(fixedRows);
        done.Parameters.AddWithValue((long)elapsed.TotalMilliseconds);
        await done.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A temporary copy of a target table for a dry run, dropped when its transaction ends.</summary>
    public static async Task<string> DryRunTableAsync(NpgsqlConnection target, string targetTable, CancellationToken cancellationToken)
    {
        await using var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS ferry_dry_run (LIKE {targetTable} INCLUDING ALL) ON COMMIT DROP", target);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return "pg_temp.ferry_dry_run";
    }
}
