using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Core.Reconciliation;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Verification;

/// <summary>
/// Verifies one entity of one district in two passes, reading source and target independently of each other and of
/// the load's counters. Pass 1 streams every source key range and every target id range in parallel, hashing each
/// row's canonical form and summing the hashes per bucket (by the leading bits of the row id). Buckets whose sums
/// agree are done: nothing more is read for them. Pass 2 visits only the differing buckets: source rows of those
/// buckets are held (in rounds of bounded size) by id, then the target rows of those buckets are matched against
/// them, which classifies every difference as missing, extra or changed, with the columns that differ. Rows that
/// the quarantine rejected are excluded from the source side by row id and counted as quarantined.
/// </summary>
internal sealed class EntityVerifier(EntityVerification v, VerifyOptions options, int rangeRows, int parallelism, SemaphoreSlim units)
{
    private const string UnkeyableKey = "(a key column is NULL or unreadable)";
    private const long TargetRowsPerUnit = 20_000;

    public async Task<EntityReconciliation> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var index = await UnitAsync(() => QuarantineIndex.ReadAsync(v.Target, v.District.Tenant, v.Entity.Name, v.TargetTable, v.Entity.Key, cancellationToken), cancellationToken);
        var ranges = await UnitAsync(() => Scans.RangesAsync(v, rangeRows, cancellationToken), cancellationToken);
        var space = BucketSpace.For((long)ranges.Count * rangeRows, options.RowsPerBucket, Math.Max(16, parallelism * 4));
        var differences = new DifferenceLog(options.Samples);
        var pass = new FirstPass(space);
        await FirstPassAsync(pass, ranges, index, cancellationToken);

        var sourceTotal = pass.SourceTotal;
        var targetTotal = pass.TargetTotal;
        var quarantined = pass.Consumed;
        foreach (var id in pass.AsideSource.Keys.Union(pass.AsideTarget.Keys))
        {
            var outcome = DuplicateKeys.Resolve(
                pass.AsideSource.TryGetValue(id, out var s) ? [.. s] : [],
                pass.AsideTarget.TryGetValue(id, out var t) ? [.. t] : [],
                index.Ledger.Recorded(id),
                v.ColumnNames,
                differences);
            quarantined += outcome.Quarantined;
            sourceTotal.Add(outcome.Source);
            targetTotal.Add(outcome.Target);
        }

        var unkeyable = pass.Unkeyable + pass.NullKeyRows;
        var unkeyableQuarantined = Math.Min(unkeyable, index.Ledger.WithoutId);
        quarantined += unkeyableQuarantined;
        if (unkeyable > unkeyableQuarantined)
        {
            differences.Add(DifferenceKind.Missing, UnkeyableKey, null, unkeyable - unkeyableQuarantined);
        }

        var differing = Enumerable.Range(0, space.Count).Where(b => pass.Source[b] != pass.Target[b]).ToList();
        var changed = new ConcurrentDictionary<string, ChangedRow>(StringComparer.Ordinal);
        if (differing.Count > 0 && pass.TargetRows == 0)
        {
            await AllMissingAsync(ranges, index, differences, cancellationToken);
        }
        else if (differing.Count > 0)
        {
            await DescendAsync(space, ranges, differing, pass.Source, index, differences, changed, cancellationToken);
        }

        return new EntityReconciliation
        {
            District = v.District.Id,
            Tenant = v.District.Tenant,
            Entity = v.Entity.Name,
            TargetTable = $"{v.Entity.TargetSchema}.{v.Entity.TargetTable}",
            SourceRows = pass.SourceRows + pass.NullKeyRows,
            TargetRows = pass.TargetRows,
            Quarantined = quarantined,
            Missing = differences.Missing,
            Extra = differences.Extra,
            Changed = differences.Changed,
            SourceChecksum = sourceTotal,
            TargetChecksum = targetTotal,
            Samples = await WithValuesAsync(differences.Samples, changed, ranges, cancellationToken),
            Elapsed = clock.Elapsed,
            FinishedAt = DateTimeOffset.UtcNow,
            Buckets = space.Count,
            BucketsDiffering = differing.Count,
            LoadRunId = index.LoadRunId,
            ValueChanges = index.ValueChanges,
            Note = index.LoadState switch
            {
                null => "never loaded",
                "planned" => "load not finished",
                _ => null,
            },
        };
    }

    private Task FirstPassAsync(FirstPass pass, IReadOnlyList<SourceRange> ranges, QuarantineIndex index, CancellationToken cancellationToken)
    {
        var ledger = index.Ledger.Start();
        var duplicates = index.Duplicates;
        var space = pass.Space;

        Task SourceAsync(SourceRange range) => UnitAsync(async () =>
        {
            var local = new ContentChecksum[space.Count];
            long consumed = 0, unkeyable = 0;
            var rows = await Scans.SourceAsync(v, range, row =>
            {
                if (!row.Keyed)
                {
                    unkeyable++;
                    return;
                }

                var id = row.Id;
                if (duplicates.Contains(id))
                {
                    var hash = row.Encode();
                    pass.AsideSource.GetOrAdd(id, _ => []).Add(new EncodedRow(row.KeyText, hash, row.Segments()));
                }
                else if (ledger.TryConsume(id))
                {
                    consumed++;
                }
                else
                {
                    local[space.Of(id)].Add(row.Encode());
                }
            }, cancellationToken);
            pass.MergeSource(local, rows, consumed, unkeyable);
            return rows;
        }, cancellationToken);

        Task TargetAsync(IdRange range) => UnitAsync(async () =>
        {
            var local = new ContentChecksum[space.Count];
            var rows = await Scans.TargetAsync(v, range, row =>
            {
                if (duplicates.Contains(row.StoredId))
                {
                    var hash = row.Encode();
                    pass.AsideTarget.GetOrAdd(row.StoredId, _ => []).Add(new EncodedRow(row.KeyText, hash, row.Segments()));
                    return;
                }

                local[space.Of(row.StoredId)].Add(row.Encode());
            }, cancellationToken);
            pass.MergeTarget(local, rows);
            return rows;
        }, cancellationToken);

        var work = new List<Task>();
        var sources = ranges.Select(SourceAsync).ToList();
        // Small tables read in one unit: each unit costs a connection and a transaction.
        var estimate = (long)ranges.Count * rangeRows;
        var targets = space.Split((int)Math.Clamp(estimate / TargetRowsPerUnit, 1, parallelism * 2)).Select(TargetAsync).ToList();
        for (var i = 0; i < Math.Max(sources.Count, targets.Count); i++)
        {
            if (i < sources.Count)
            {
                work.Add(sources[i]);
            }

            if (i < targets.Count)
            {
                work.Add(targets[i]);
            }
        }

        if (v.KeyMayBeNull)
        {
            work.Add(UnitAsync(async () => pass.NullKeyRows = await Scans.NullKeysAsync(v, cancellationToken), cancellationToken));
        }

        return Task.WhenAll(work);
    }

    /// <summary>Pass 2: classifies the rows of the differing buckets, in rounds of at most <see cref="VerifyOptions.RowsPerRound"/> source rows.</summary>
    private async Task DescendAsync(
        BucketSpace space, IReadOnlyList<SourceRange> ranges, IReadOnlyList<int> differing, ContentChecksum[] sourceSums,
        QuarantineIndex index, DifferenceLog differences, ConcurrentDictionary<string, ChangedRow> changed, CancellationToken cancellationToken)
    {
        // A target row whose stored id is not the one its key derives sits in another bucket than its source row
        // would; its own bucket differs, so reading every differing bucket's target rows finds it. If the bucket its
        // key derives does not differ, no source row can match it (that bucket's rows all matched, and the key is
        // unique in the target): it is extra, reported in the round of the bucket it sits in.
        var everyDiffering = Chunks(space, space.Cover(differing));
        var isDiffering = new bool[space.Count];
        foreach (var b in differing)
        {
            isDiffering[b] = true;
        }

        foreach (var round in Rounds(differing, sourceSums, options.RowsPerRound))
        {
            var inRound = new bool[space.Count];
            foreach (var b in round)
            {
                inRound[b] = true;
            }

            var candidates = new ConcurrentDictionary<Guid, Candidate>();
            var ledger = index.Ledger.Start();
            await Task.WhenAll(ranges.Select((range, r) => UnitAsync(() => Scans.SourceAsync(v, range, row =>
            {
                if (!row.Keyed || !inRound[space.Of(row.Id)] || index.Duplicates.Contains(row.Id) || ledger.TryConsume(row.Id))
                {
                    return;
                }

                var hash = row.Encode();
                var created = new Candidate(new EncodedRow(row.KeyText, hash, row.Segments()), r);
                var candidate = candidates.GetOrAdd(row.Id, created);
                if (!ReferenceEquals(candidate, created))
                {
                    Interlocked.Increment(ref candidate.Copies);
                }
            }, cancellationToken), cancellationToken)));

            var targetRanges = v.ChecksIds ? everyDiffering : Chunks(space, space.Cover(round));
            await Task.WhenAll(targetRanges.Select(range => UnitAsync(() => Scans.TargetAsync(v, range, row =>
            {
                if (index.Duplicates.Contains(row.StoredId))
                {
                    return;
                }

                var expected = row.ExpectedId(index.KeyFixed);
                var bucket = space.Of(expected);
                if (!inRound[bucket])
                {
                    if (!isDiffering[bucket] && inRound[space.Of(row.StoredId)])
                    {
                        differences.Add(DifferenceKind.Extra, row.KeyText);
                    }

                    return;
                }

                var hash = row.Encode();
                if (!candidates.TryGetValue(expected, out var candidate) || Interlocked.Increment(ref candidate.Matched) > candidate.Copies)
                {
                    differences.Add(DifferenceKind.Extra, row.KeyText);
                }
                else if (candidate.Row.Hash != hash)
                {
                    var segments = SegmentDiff.Segments(candidate.Row.Segments, row.Segments());
                    var columns = segments.Select(s => s == 0 ? SegmentDiff.IdColumn : v.ColumnNames[s - 1]).ToList();
                    if (differences.Add(DifferenceKind.Changed, candidate.Row.Key, columns))
                    {
                        // Only rows that are samples (so far) keep their target values; the source side is read again at the end.
                        changed[candidate.Row.Key] = new ChangedRow(expected, candidate.Range, segments, segments.Select(s => row.Display(s - 1)).ToArray());
                        ForgetDisplaced(changed, differences);
                    }
                }
            }, cancellationToken), cancellationToken)));

            foreach (var candidate in candidates.Values.Where(c => c.Matched < c.Copies))
            {
                differences.Add(DifferenceKind.Missing, candidate.Row.Key, null, candidate.Copies - candidate.Matched);
            }
        }
    }

    /// <summary>The tenant has no row of the entity (never loaded, or emptied): every source row not quarantined is missing.</summary>
    private Task AllMissingAsync(IReadOnlyList<SourceRange> ranges, QuarantineIndex index, DifferenceLog differences, CancellationToken cancellationToken)
    {
        var ledger = index.Ledger.Start();
        return Task.WhenAll(ranges.Select(range => UnitAsync(() => Scans.SourceAsync(v, range, row =>
        {
            if (row.Keyed && !ledger.TryConsume(row.Id))
            {
                differences.Add(DifferenceKind.Missing, row.KeyText);
            }
        }, cancellationToken), cancellationToken)));
    }

    private static IEnumerable<List<int>> Rounds(IReadOnlyList<int> buckets, ContentChecksum[] sourceSums, long maxRows)
    {
        var round = new List<int>();
        long rows = 0;
        foreach (var b in buckets)
        {
            if (round.Count > 0 && rows + sourceSums[b].Count > maxRows)
            {
                yield return round;
                round = [];
                rows = 0;
            }

            round.Add(b);
            rows += sourceSums[b].Count;
        }

        if (round.Count > 0)
        {
            yield return round;
        }
    }

    /// <summary>Cuts wide id ranges into pieces of at most a share of the buckets, so they read in parallel.</summary>
    private List<IdRange> Chunks(BucketSpace space, IReadOnlyList<IdRange> ranges)
    {
        var width = Math.Max(1, space.Count / (parallelism * 2));
        var chunks = new List<IdRange>();
        foreach (var r in ranges)
        {
            for (var first = r.FirstBucket; first < r.NextBucket; first += width)
            {
                var next = Math.Min(first + width, r.NextBucket);
                chunks.Add(new IdRange(first, next, first == 0 ? null : space.LowerBound(first), space.LowerBound(next)));
            }
        }

        return chunks;
    }

    private Task<T> UnitAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await units.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            units.Release();
        }
    }, cancellationToken);

    /// <summary>
    /// Drops the kept values of rows a smaller key has since pushed out of the samples, so what is kept stays in
    /// proportion to the number of samples even when differences are found in descending key order.
    /// </summary>
    private void ForgetDisplaced(ConcurrentDictionary<string, ChangedRow> changed, DifferenceLog differences)
    {
        if (changed.Count <= Math.Max(64, options.Samples * 4))
        {
            return;
        }

        lock (changed)
        {
            var sampled = differences.Samples.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var key in changed.Keys.Where(k => !sampled.Contains(k)))
            {
                changed.TryRemove(key, out _);
            }
        }
    }

    /// <summary>
    /// The changed rows among the samples with the legacy and target values of their differing columns. The target
    /// values were kept when the difference was found; the legacy values are read again from the source key ranges
    /// those rows came from (at most one range per sample, and only when a changed row is sampled), because holding
    /// every candidate's values during pass 2 would multiply its memory.
    /// </summary>
    private async Task<IReadOnlyList<RowDifference>> WithValuesAsync(
        IReadOnlyList<RowDifference> samples, ConcurrentDictionary<string, ChangedRow> changed, IReadOnlyList<SourceRange> ranges, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<Guid, ChangedRow>();
        foreach (var s in samples)
        {
            if (s.Kind == DifferenceKind.Changed && changed.TryGetValue(s.Key, out var row))
            {
                wanted.TryAdd(row.Id, row);
            }
        }

        if (wanted.Count == 0)
        {
            return samples;
        }

        var legacy = new ConcurrentDictionary<Guid, string?[]>();
        await Task.WhenAll(wanted.Values.Select(c => c.Range).Distinct().Select(r => UnitAsync(() => Scans.SourceAsync(v, ranges[r], row =>
        {
            if (row.Keyed && wanted.TryGetValue(row.Id, out var c))
            {
                legacy.TryAdd(row.Id, c.Segments.Select(s => row.Display(s - 1)).ToArray());
            }
        }, cancellationToken), cancellationToken)));

        return samples.Select(s =>
        {
            if (s.Kind != DifferenceKind.Changed || !changed.TryGetValue(s.Key, out var c) || !legacy.TryGetValue(c.Id, out var values))
            {
                return s;
            }

            return s with { Values = c.Segments.Select((_, i) => ValueDifference.Of(s.Columns[i], values[i], c.Target[i])).ToList() };
        }).ToList();
    }

    /// <summary>A changed row found in pass 2: its id, the source range it came from, its differing segments and their target values.</summary>
    private sealed record ChangedRow(Guid Id, int Range, IReadOnlyList<int> Segments, string?[] Target);

    private sealed class Candidate(EncodedRow row, int range)
    {
        public readonly EncodedRow Row = row;
        public readonly int Range = range;
        public int Copies = 1;
        public int Matched;
    }

    /// <summary>The bucket sums and counts of pass 1, merged from the units under one lock.</summary>
    private sealed class FirstPass(BucketSpace space)
    {
        private readonly Lock _gate = new();

        public BucketSpace Space => space;

        public ContentChecksum[] Source { get; } = new ContentChecksum[space.Count];

        public ContentChecksum[] Target { get; } = new ContentChecksum[space.Count];

        public ConcurrentDictionary<Guid, ConcurrentBag<EncodedRow>> AsideSource { get; } = new();

        public ConcurrentDictionary<Guid, ConcurrentBag<EncodedRow>> AsideTarget { get; } = new();

        public long SourceRows { get; private set; }

        public long TargetRows { get; private set; }

        public long Consumed { get; private set; }

        public long Unkeyable { get; private set; }

        public long NullKeyRows { get; set; }

        public ContentChecksum SourceTotal => Total(Source);

        public ContentChecksum TargetTotal => Total(Target);

        public void MergeSource(ContentChecksum[] local, long rows, long consumed, long unkeyable)
        {
            lock (_gate)
            {
                Merge(Source, local);
                SourceRows += rows;
                Consumed += consumed;
                Unkeyable += unkeyable;
            }
        }

        public void MergeTarget(ContentChecksum[] local, long rows)
        {
            lock (_gate)
            {
                Merge(Target, local);
                TargetRows += rows;
            }
        }

        private static void Merge(ContentChecksum[] into, ContentChecksum[] local)
        {
            for (var b = 0; b < into.Length; b++)
            {
                into[b].Add(local[b]);
            }
        }

        private static ContentChecksum Total(ContentChecksum[] sums)
        {
            var total = default(ContentChecksum);
            foreach (var s in sums)
            {
                total.Add(s);
            }

            return total;
        }
    }
}
