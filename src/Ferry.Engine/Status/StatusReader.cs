using Ferry.Core.Configuration;
using Ferry.Core.Status;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Status;

/// <summary>Reads run state from the target databases' own tables; it never trusts in-memory counters.</summary>
public static class StatusReader
{
    public static async Task<StatusReport> ReadAsync(MigrationConfig config, IReadOnlyCollection<string>? expectedEntities, IReadOnlyCollection<string> districtFilter, CancellationToken cancellationToken)
    {
        foreach (var id in districtFilter)
        {
            _ = config.District(id);
        }

        await using var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        var report = await StatusReads.ReadAsync(targets.All, districtFilter, cancellationToken);
        if (expectedEntities is null)
        {
            return report;
        }

        var entities = report.Entities.ToDictionary(e => (e.District, e.Entity));
        foreach (var d in config.Districts.Where(d => districtFilter.Count == 0 || districtFilter.Contains(d.Id)))
        {
            foreach (var e in expectedEntities)
            {
                entities.TryAdd((d.Id, e), new EntityStatus(d.Id, e, "not started", 0, 0, 0, 0, 0, 0, null));
            }
        }

        return report with
        {
            Entities = entities.Values.OrderBy(e => e.District, StringComparer.Ordinal).ThenBy(e => e.Entity, StringComparer.Ordinal).ToList(),
        };
    }
}
