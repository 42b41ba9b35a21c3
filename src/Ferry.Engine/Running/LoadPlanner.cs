using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Running;

/// <summary>
/// Plans the full load of one (district, entity): counts its rows, then cuts a gap-free integer key by value
/// (<see cref="IntegerKeyRanges"/>) or reads the key of every batch-size-th row (keyset pagination works for
/// composite keys too; the last batch is open-ended, so rows added since planning still load), and records the source's change position first, so a later delta starts from before the first
/// read. Also searches the load's orphans when it is planned, and builds its <see cref="OrphanIndex"/> where it runs.
/// </summary>
internal static class LoadPlanner
{
    /// <summary>Parent key spans below this are read whatever the child's size: a million bits, a few milliseconds.</summary>
    private const long SmallSpan = 1L << 20;

    public sealed record Plan(long SourceRows, string? ChangePosition, IReadOnlyList<BatchDescriptor> Batches);

    /// <summary>Plans one load; <paramref name="schema"/> is the district's own, for its per-table spellings and isolation.</summary>
    public static async Task<Plan> PlanAsync(Guid runId, DistrictSettings district, EntityMapping entity, int batchSize, CancellationToken cancellationToken, SourceSchema? schema = null)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        var dialect = SourceReads.Dialect(adapter, schema);
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        var position = await adapter.ReadChangePositionAsync(connection, cancellationToken);
        await using var read = await adapter.BeginReadAsync(connection, SourceReads.Tables(schema, [entity.Source]), cancellationToken);
        // Exact, in the same read as the bounds: the load records it as its source rows, which status and the run's
        // report set against what was loaded and quarantined.
        long rows;
        await using (var count = Command(connection, read, dialect.CountRows(entity.Source)))
        {
            rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var bounds = rows <= batchSize ? [] : await IntegerBoundsAsync(connection, read, dialect, entity, rows, batchSize, cancellationToken);
        if (bounds is null)
        {
            bounds = [];
            await using var boundaries = Command(connection, read, dialect.SelectKeyBoundaries(entity.Source, entity.Key, batchSize));
            await using var reader = await boundaries.ExecuteReaderAsync(cancellationToken);
            var values = new object[entity.Key.Count];
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
                bounds.Add(KeyBounds.Encode(values));
            }
        }

        var batches = new List<BatchDescriptor>();
        string? lower = null;
        foreach (var upper in bounds)
        {
            batches.Add(new BatchDescriptor(runId, district.Id, district.Tenant, entity.Name, batches.Count + 1, lower, upper));
            lower = upper;
        }

        batches.Add(new BatchDescriptor(runId, district.Id, district.Tenant, entity.Name, batches.Count + 1, lower, null));
        if (entity.KeyOrigin == KeyOrigin.Configured && entity.Key.Any(k => entity.Column(k).Nullable))
        {
            batches.Add(new BatchDescriptor(runId, district.Id, district.Tenant, entity.Name, batches.Count + 1, null, null, NullKeys: true));
        }

        await read.CommitAsync(cancellationToken);
        return new Plan(rows, position, batches);
    }

    /// <summary>Bounds cut by value for a gap-free integer key (see <see cref="IntegerKeyRanges"/>); null when the key does not qualify.</summary>
    private static async Task<List<string>?> IntegerBoundsAsync(
        DbConnection connection, DbTransaction read, ISourceDialect dialect, EntityMapping entity, long rows, int batchSize, CancellationToken cancellationToken)
    {
        var kinds = entity.Key.Select(k => entity.Column(k).Kind).ToList();
        if (!IntegerKeyRanges.IsIntegerKey(kinds)
            || await SpanAsync(connection, read, dialect, entity.Source, entity.Key[0], cancellationToken) is not var (min, max)
            || IntegerKeyRanges.UpperBounds(min, max, rows, batchSize) is not { } cut)
        {
            return null;
        }

        return cut.Select(b => KeyBounds.Encode([IntegerKeyRanges.AsKeyValue(b, kinds[0])])).ToList();
    }

    /// <summary>The smallest and largest value of an integer column (from its index, where it has one); null when it has none.</summary>
    internal static async Task<(long Min, long Max)?> SpanAsync(
        DbConnection connection, DbTransaction read, ISourceDialect dialect, TableName table, string column, CancellationToken cancellationToken)
    {
        await using var cmd = Command(connection, read, dialect.SelectSpan(table, column));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0) || reader.IsDBNull(1))
        {
            return null;
        }

        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Whether a reference to a single integer key is checked against the parent's keys (<see cref="ParentKeySet"/>)
    /// instead of an anti-join: when they fit one and reading them costs less than scanning the child (always up to a
    /// million values, otherwise when the parent's span is at most four times the child's rows, the district's row
    /// estimate, counted only when there is none).
    /// </summary>
    private static async Task<bool> ByParentKeysAsync(
        DbConnection connection, DbTransaction read, ISourceDialect dialect, EntityMapping entity, ReferenceMap reference, EntityMapping parent, SourceSchema? schema, CancellationToken cancellationToken)
    {
        if (reference.Columns.Count != 1 || parent.Key.Count != 1
            || !IntegerKeyRanges.IsIntegerKey([entity.Column(reference.Columns[0]).Kind])
            || !IntegerKeyRanges.IsIntegerKey([parent.Column(parent.Key[0]).Kind])
            || await SpanAsync(connection, read, dialect, parent.Source, parent.Key[0], cancellationToken) is not var (min, max)
            || (Int128)max - min >= ParentKeySet.MaxSpan)
        {
            return false;
        }

        if (max - min >= SmallSpan)
        {
            // Only a choice between two ways of finding the same orphans depends on it: the estimate introspection
            // read (SQL Server's sys.partitions) is enough. Without one, count.
            var childRows = schema?.Find(entity.Source)?.EstimatedRows ?? 0;
            if (childRows <= 0)
            {
                await using var count = Command(connection, read, dialect.CountRows(entity.Source));
                childRows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            return max - min < 4 * childRows;
        }

        return true;
    }

    /// <summary>What planning found about a load's references: the missing parents per reference, and those checked by key.</summary>
    public sealed record OrphanSearch(IReadOnlyList<(int Reference, Guid Parent)> Missing, IReadOnlyList<int> ByKey);

    /// <summary>
    /// At planning: per reference the source does not enforce, either the parents that do not exist (one anti-join on
    /// the source, ids derived as the load derives them, with the parent key's collation given by the district's
    /// <paramref name="schema"/>), or, for a reference to a single integer key whose parent's keys fit a set, the
    /// decision to check it against those keys as batches run. Recorded with the plan, so any process executes it.
    /// </summary>
    public static async Task<OrphanSearch> SearchOrphansAsync(
        MigrationConfig config, DistrictSettings district, EntityMapping entity, MappingSet mappings, SourceSchema? schema, CancellationToken cancellationToken)
    {
        var checkable = entity.References.Select((r, i) => (r, i)).Where(x => !x.r.Enforced && x.r.Via is null).ToList();
        if (checkable.Count == 0)
        {
            // The source guarantees every reference (an anti-join would scan to find nothing), or each row looks its
            // parent up through an alternate key and finds it missing there.
            return new OrphanSearch([], []);
        }

        var adapter = SourceAdapters.For(district.Source.Provider);
        var dialect = SourceReads.Dialect(adapter, schema);
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        var tables = SourceReads.Tables(schema, entity.References.Select(r => r.Parent).Prepend(entity.Source));
        await using var read = await adapter.BeginReadAsync(connection, tables, cancellationToken);
        var missing = new List<(int, Guid)>();
        var byKey = new List<int>();
        foreach (var (reference, index) in checkable)
        {
            var parent = mappings[reference.Parent];
            if (await ByParentKeysAsync(connection, read, dialect, entity, reference, parent, schema, cancellationToken))
            {
                byKey.Add(index);
                continue;
            }

            missing.AddRange((await AntiJoinAsync(connection, read, dialect, config, district, entity, reference, parent, mappings, schema, cancellationToken)).Select(p => (index, p)));
        }

        await read.CommitAsync(cancellationToken);
        return new OrphanSearch(missing, byKey);
    }

    /// <summary>The ids of the parents a reference names that do not exist, by one anti-join on the source.</summary>
    internal static async Task<HashSet<Guid>> AntiJoinAsync(
        DbConnection connection, DbTransaction read, ISourceDialect dialect, MigrationConfig config, DistrictSettings district, EntityMapping entity,
        ReferenceMap reference, EntityMapping parent, MappingSet mappings, SourceSchema? schema, CancellationToken cancellationToken)
    {
        var ids = new DeterministicUuid(config.UuidNamespace, district.Tenant, parent.Name);
        var kinds = reference.Columns.Select(c => entity.Column(c).Kind).ToArray();
        var insensitive = SourceColumns.ReferenceInsensitive(schema, mappings, reference);
        var fk = new ForeignKeyInfo(reference.Name, entity.Source, reference.Columns, parent.Source, parent.Key);
        var set = new HashSet<Guid>();
        await using var cmd = Command(connection, read, dialect.SelectOrphanKeys(fk, reference.Columns));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var values = new object[reference.Columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            set.Add(ids.For(CanonicalKey.Of(values, kinds, insensitive)));
        }

        return set;
    }

    /// <summary>
    /// At execution: the load's <see cref="OrphanIndex"/> from what planning recorded (missing parents, references
    /// checked by key), the parents' key sets (read once per process and parent, see <paramref name="parentKeys"/>),
    /// and the parents the target's quarantine holds (rejected, so their children would dangle).
    /// </summary>
    public static async Task<OrphanIndex> OrphanIndexAsync(
        MigrationConfig config,
        DistrictSettings district,
        EntityMapping entity,
        MappingSet mappings,
        IReadOnlyDictionary<int, HashSet<Guid>> recorded,
        IReadOnlyCollection<int> byKey,
        Func<TableName, Task<HashSet<Guid>>> rejectedParents,
        ParentKeyCache parentKeys,
        SourceSchema? schema,
        CancellationToken cancellationToken)
    {
        var missing = new List<HashSet<Guid>>();
        var quarantined = new List<HashSet<Guid>>();
        var present = new List<ParentKeySet?>();
        for (var r = 0; r < entity.References.Count; r++)
        {
            var reference = entity.References[r];
            quarantined.Add(await rejectedParents(reference.Parent));
            var set = recorded.TryGetValue(r, out var found) ? found : [];
            ParentKeySet? keys = null;
            if (byKey.Contains(r))
            {
                var parent = mappings[reference.Parent];
                keys = await parentKeys.GetAsync(district, parent, cancellationToken, schema);
                if (keys is null)
                {
                    // The parent's keys grew past what a set holds since planning: find the orphans the slow way.
                    var adapter = SourceAdapters.For(district.Source.Provider);
                    await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
                    await using var read = await adapter.BeginReadAsync(connection, SourceReads.Tables(schema, [entity.Source, reference.Parent]), cancellationToken);
                    set = await AntiJoinAsync(connection, read, SourceReads.Dialect(adapter, schema), config, district, entity, reference, parent, mappings, schema, cancellationToken);
                    await read.CommitAsync(cancellationToken);
                }
            }

            missing.Add(set);
            present.Add(keys);
        }

        return new OrphanIndex(missing, quarantined, present);
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return cmd;
    }
}
