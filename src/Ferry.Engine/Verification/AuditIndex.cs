using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;

namespace Ferry.Engine.Verification;

/// <summary>
/// The latest runs (dry runs and rollbacks have no reports) and verifications recorded in the target databases, newest first:
/// what <c>dm reports</c> lists when no id is given.
/// </summary>
public static class AuditIndex
{
    /// <summary>A run or verification: its id, when it started and finished, and its state (a run's) or outcome (pass or differs).</summary>
    public sealed record Entry(AuditKind Kind, Guid Id, string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

    public static async Task<IReadOnlyList<Entry>> LatestAsync(MigrationConfig config, int count, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<Guid, Entry>();
        await using var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        foreach (var name in targets.Names)
        {
            await using var cmd = targets[name].CreateCommand(
                "(SELECT 'run', run_id, state, started_at, finished_at FROM ferry.run WHERE NOT dry_run AND kind <> 'rollback' ORDER BY started_at DESC LIMIT $1) " +
                "UNION ALL (SELECT 'verify', verify_id, CASE WHEN parity THEN 'pass' ELSE 'differs' END, started_at, finished_at FROM ferry.verify ORDER BY started_at DESC LIMIT $1)");
            cmd.Parameters.AddWithValue(count);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var here = new Entry(
                    reader.GetString(0) == "run" ? AuditKind.Run : AuditKind.Verify,
                    reader.GetGuid(1),
                    reader.GetString(2),
                    new DateTimeOffset(reader.GetDateTime(3)),
                    reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetDateTime(4)));
                // Each target database records the run or verification; any that did not complete or lacks parity decides.
                entries[here.Id] = entries.TryGetValue(here.Id, out var seen) && Worse(seen.State, here.State) ? seen : here;
            }
        }

        return entries.Values.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).Take(count).ToList();
    }

    private static bool Worse(string a, string b) => a is not ("completed" or Parity.Pass) && b is "completed" or Parity.Pass;
}
