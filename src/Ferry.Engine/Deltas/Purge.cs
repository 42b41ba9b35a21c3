using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Postgres.Control.Deltas;

namespace Ferry.Engine.Deltas;

/// <summary>What a purge removed: per target database its summary, and the change-log entries removed from the legacy database.</summary>
public sealed record PurgeOutcome(IReadOnlyDictionary<string, PurgeSummary> Targets, long ChangeLog);

/// <summary>
/// <c>dm purge</c>: removes, for a cut-over district, the personal data the toolkit kept from before a date
/// (quarantined originals, before-images, resolved and conflicting rows, the change log), keeping counts, reasons and
/// checksums in <c>ferry.purge</c>. Refused (exit 2, nothing removed) for a district not cut over.
/// </summary>
public static class Purge
{
    public static async Task<PurgeOutcome> RunAsync(MigrationConfig config, string districtId, DateTime before, CancellationToken cancellationToken)
    {
        var district = config.District(districtId);
        await using var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        foreach (var name in targets.Names)
        {
            if (await DeltaLedger.CutOverAsync(targets[name], district.Tenant, cancellationToken) is null)
            {
                throw new ConfigException($"district {districtId} is not cut over: its quarantine, before-images and change log are still needed (run dm cutover first)");
            }
        }

        var summaries = new Dictionary<string, PurgeSummary>(StringComparer.Ordinal);
        foreach (var name in targets.Names)
        {
            summaries[name] = await PersonalDataPurge.PurgeAsync(targets[name], district.Tenant, districtId, before, cancellationToken);
        }

        var adapter = SourceAdapters.For(district.Source.Provider);
        long changeLog;
        await using (var source = await adapter.OpenAsync(district.Source.Connection, cancellationToken))
        {
            changeLog = await ChangeCaptures.For(district.Source.Provider).PurgeAsync(source, before, cancellationToken);
        }

        return new PurgeOutcome(summaries, changeLog);
    }
}
