using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// A run's recent commits as one target database records them, for a rate over a moving window: the database's
/// clock now, when the run started, the rows its batches read before the window opened, and each batch committed
/// inside it.
/// </summary>
public sealed record BatchCommits(DateTime Now, DateTime StartedAt, long RowsBefore, IReadOnlyList<(DateTime At, long Rows)> Recent)
{
    /// <summary>The run's commits in <paramref name="target"/>; null when it has no record of the run.</summary>
    public static async Task<BatchCommits?> ReadAsync(NpgsqlDataSource target, Guid runId, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        DateTime now, started;
        long before;
        await using (var totals = new NpgsqlCommand(
            "SELECT now(), r.started_at, coalesce((SELECT sum(b.rows_read) FROM ferry.batch b WHERE b.run_id = r.run_id AND b.state = 'done' AND b.committed_at <= now() - $2), 0)::bigint " +
            "FROM ferry.run r WHERE r.run_id = $1", connection))
        {
            totals.Parameters.AddWithValue(runId);
            totals.Parameters.AddWithValue(window);
            await using var reader = await totals.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (now, started, before) = (reader.GetDateTime(0), reader.GetDateTime(1), reader.GetInt64(2));
        }

        var recent = new List<(DateTime, long)>();
        await using var commits = new NpgsqlCommand(
            "SELECT committed_at, coalesce(rows_read, 0) FROM ferry.batch WHERE run_id = $1 AND state = 'done' AND committed_at > now() - $2 ORDER BY committed_at", connection);
        commits.Parameters.AddWithValue(runId);
        commits.Parameters.AddWithValue(window);
        await using (var reader = await commits.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                recent.Add((reader.GetDateTime(0), reader.GetInt64(1)));
            }
        }

        return new BatchCommits(now, started, before, recent);
    }
}
