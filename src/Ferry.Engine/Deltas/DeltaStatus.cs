using Ferry.Core.Abstractions;
using Ferry.Engine.Running;
using Ferry.Postgres.Control.Deltas;

namespace Ferry.Engine.Deltas;

/// <summary>
/// Where a district's deltas stand: the change position the last one reached and when (null before the first), the
/// changes recorded since (null where the source cannot tell, or cannot be reached), open conflicts, its cut-over,
/// its purges, and the tables its source's change capture cannot follow, which get diff-based deltas.
/// </summary>
public sealed record DistrictDeltaStatus(
    string District,
    string? Position,
    DateTime? AppliedAt,
    long? Pending,
    long OpenConflicts,
    CutOver? CutOver,
    IReadOnlyList<(DateTime PurgedAt, DateTime Before, string Summary)> Purges,
    IReadOnlyList<string> DiffBasedTables);

public static class DeltaStatus
{
    public static async Task<IReadOnlyList<DistrictDeltaStatus>> ReadAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        await using var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken);
        var result = new List<DistrictDeltaStatus>();
        foreach (var district in context.Districts)
        {
            DeltaApplied? last = null;
            long conflicts = 0;
            CutOver? cut = null;
            var purges = new List<(DateTime, DateTime, string)>();
            foreach (var name in targets.Names)
            {
                var db = targets[name];
                if (await DeltaLedger.LastAsync(db, district.Tenant, cancellationToken) is { } l && (last is null || l.AppliedAt > last.AppliedAt))
                {
                    last = l;
                }

                conflicts += await DeltaLedger.OpenConflictsAsync(db, district.Tenant, cancellationToken);
                cut ??= await DeltaLedger.CutOverAsync(db, district.Tenant, cancellationToken);
                purges.AddRange(await PersonalDataPurge.HistoryAsync(db, district.Tenant, cancellationToken));
            }

            var capture = ChangeCaptures.For(district.Source.Provider);
            var schema = context.Schema(district.Id);
            var tables = context.Entities.Select(e => DeltaEngine.Captured(e, schema)).ToList();
            long? pending = null;
            if (last is not null)
            {
                try
                {
                    var adapter = SourceAdapters.For(district.Source.Provider);
                    await using var source = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
                    pending = await capture.PendingAsync(source, last.To, cancellationToken);
                }
                catch (SourceUnavailableException)
                {
                    pending = null;
                }
            }

            var diffBased = tables.Where(t => !t.Tracked).Select(t => t.Table.ToString()).ToList();
            result.Add(new DistrictDeltaStatus(district.Id, last?.To, last?.AppliedAt, pending, conflicts, cut, purges, diffBased));
        }

        return result;
    }

    /// <summary>The status lines of one district, as <c>dm status</c> prints them.</summary>
    public static IEnumerable<string> Lines(DistrictDeltaStatus s)
    {
        yield return $"delta {s.District}: " +
            (s.Position is null ? "no delta applied yet" : $"change position {s.Position} applied {s.AppliedAt:u}") +
            (s.Pending is { } p ? $", lag {p:N0} change(s) pending" : s.Position is null ? "" : ", lag unknown") +
            $", {s.OpenConflicts:N0} open conflict(s)" +
            (s.CutOver is { } c ? $", cut over {c.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z at change position {c.Position}" : "");
        foreach (var (at, before, summary) in s.Purges)
        {
            yield return $"purge {s.District}: at {at.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z, data kept before {before.ToUniversalTime():yyyy-MM-dd}: {summary}";
        }

        if (s.DiffBasedTables.Count > 0)
        {
            yield return $"delta {s.District}: diff-based (change capture cannot follow a table without a primary key that is its key): {string.Join(", ", s.DiffBasedTables)}";
        }
    }
}
