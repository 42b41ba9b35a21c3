using System.Collections.Concurrent;
using Ferry.Core.Reconciliation;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Verification;

/// <summary>
/// The buckets of one (district, entity) whose content differs between the legacy table, as the load maps it, and the
/// tenant's target rows; with the ids of the target rows in those buckets. Rows outside them need nothing.
/// </summary>
internal sealed record DifferingBuckets(BucketSpace Space, IReadOnlySet<int> Buckets, IReadOnlySet<Guid> TargetIds)
{
    public bool Contains(Guid id) => Buckets.Contains(Space.Of(id));
}

/// <summary>
/// Verify's first pass on its own, for diff-based deltas: every source key range and every target id range is read,
/// each row's canonical form hashed and summed per bucket (leading bits of the row id), and the buckets whose sums
/// differ are returned. Rows the quarantine rejected are left out of the source side, as verify leaves them out, so a
/// table in parity has no differing bucket. A key the quarantine recorded as duplicated is compared by its number of
/// copies only (which copy the target should hold is not the legacy table's to say): its bucket differs when that
/// number changed. A key with a NULL column cannot be loaded and is not compared.
/// </summary>
internal static class BucketDiff
{
    public static async Task<DifferingBuckets> FindAsync(EntityVerification v, int rangeRows, int parallelism, int rowsPerBucket, CancellationToken cancellationToken)
    {
        var index = await QuarantineIndex.ReadAsync(v.Target, v.District.Tenant, v.Entity.Name, v.TargetTable, v.Entity.Key, cancellationToken);
        var ranges = await Scans.RangesAsync(v, rangeRows, cancellationToken);
        var space = BucketSpace.For((long)ranges.Count * rangeRows, rowsPerBucket);
        var source = new ContentChecksum[space.Count];
        var target = new ContentChecksum[space.Count];
        var copies = new ConcurrentDictionary<Guid, int>();
        var ledger = index.Ledger.Start();
        var gate = new Lock();
        using var units = new SemaphoreSlim(Math.Max(1, parallelism));

        async Task UnitAsync(Func<Task> work)
        {
            await units.WaitAsync(cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                units.Release();
            }
        }

        Task SourceAsync(SourceRange range) => UnitAsync(async () =>
        {
            var local = new ContentChecksum[space.Count];
            await Scans.SourceAsync(v, range, row =>
            {
                if (!row.Keyed)
                {
                    return;
                }

                if (index.Duplicates.Contains(row.Id))
                {
                    copies.AddOrUpdate(row.Id, 1, (_, n) => n + 1);
                }
                else if (!ledger.TryConsume(row.Id))
                {
                    local[space.Of(row.Id)].Add(row.Encode());
                }
            }, cancellationToken);
            Merge(gate, source, local);
        });

        Task TargetAsync(IdRange range) => UnitAsync(async () =>
        {
            var local = new ContentChecksum[space.Count];
            await Scans.TargetAsync(v, range, row =>
            {
                if (!index.Duplicates.Contains(row.StoredId))
                {
                    local[space.Of(row.StoredId)].Add(row.Encode());
                }
            }, cancellationToken);
            Merge(gate, target, local);
        });

        await Task.WhenAll(ranges.Select(SourceAsync).Concat(space.Split(Math.Max(1, parallelism)).Select(TargetAsync)));

        var differing = Enumerable.Range(0, space.Count).Where(b => source[b] != target[b]).ToHashSet();
        foreach (var id in index.Duplicates)
        {
            // One copy loaded, the others rejected: any other number of copies now means the duplication changed.
            if (copies.GetValueOrDefault(id) != index.Ledger.Recorded(id) + 1)
            {
                differing.Add(space.Of(id));
            }
        }

        var ids = new ConcurrentDictionary<Guid, byte>();
        await Task.WhenAll(space.Cover(differing).Select(range => UnitAsync(() => Scans.TargetAsync(v, range, row => ids.TryAdd(row.StoredId, 0), cancellationToken))));
        return new DifferingBuckets(space, differing, ids.Keys.ToHashSet());
    }

    private static void Merge(Lock gate, ContentChecksum[] into, ContentChecksum[] local)
    {
        lock (gate)
        {
            for (var b = 0; b < into.Length; b++)
            {
                into[b].Add(local[b]);
            }
        }
    }
}
