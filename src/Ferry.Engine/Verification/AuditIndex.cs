using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Verification;

/// <summary>
/// The latest runs (dry runs and rollbacks have no reports) and verifications recorded in the target databases, newest first:
/// what <c>dm reports</c> lists when no id is given.
/// </summary>
public static class AuditIndex
{
    public static async Task<IReadOnlyList<AuditEntry>> LatestAsync(MigrationConfig config, int count, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<Guid, AuditEntry>();
        await using var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        foreach (var target in targets.All)
        {
            foreach (var here in await AuditEntries.LatestAsync(target, count, cancellationToken))
            {
                // Each target database records the run or verification; any that did not complete or lacks parity decides.
                entries[here.Id] = entries.TryGetValue(here.Id, out var seen) && Worse(seen.State, here.State) ? seen : here;
            }
        }

        return entries.Values.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).Take(count).ToList();
    }

    private static bool Worse(string a, string b) => a is not ("completed" or Parity.Pass) && b is "completed" or Parity.Pass;
}
