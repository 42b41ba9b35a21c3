using Ferry.Core.Reconciliation;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>A run or verification: its id, when it started and finished, and its state (a run's) or outcome (pass or differs).</summary>
public sealed record AuditEntry(AuditKind Kind, Guid Id, string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

/// <summary>The runs (dry runs and rollbacks have no reports) and verifications one target database records.</summary>
public static class AuditEntries
{
    /// <summary>The latest <paramref name="count"/> runs and the latest <paramref name="count"/> verifications, in no particular order.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> LatestAsync(NpgsqlDataSource target, int count, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        await using var cmd = target.CreateCommand(
            "(SELECT 'run', run_id, state, started_at, finished_at FROM ferry.run WHERE NOT dry_run AND kind <> 'rollback' ORDER BY started_at DESC LIMIT $1) " +
            "UNION ALL (SELECT 'verify', verify_id, CASE WHEN parity THEN 'pass' ELSE 'differs' END, started_at, finished_at FROM ferry.verify ORDER BY started_at DESC LIMIT $1)");
        cmd.Parameters.AddWithValue(count);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetString(0) == "run" ? AuditKind.Run : AuditKind.Verify,
                reader.GetGuid(1),
                reader.GetString(2),
                new DateTimeOffset(reader.GetDateTime(3)),
                reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetDateTime(4))));
        }

        return entries;
    }
}
