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
/// read. Also builds the load's <see cref="OrphanIndex"/>.
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
    /// A reference to a single integer key is checked against the parent's keys (<see cref="ParentKeySet"/>, shared
    /// through <paramref name="parentKeys"/>) when they fit one and reading them costs less than scanning the child:
    /// always up to a million values, otherwise when the parent's span is at most four times the child's rows (the
    /// district's row estimate, counted only when there is none). Null when the reference does not qualify.
    /// </summary>
    private static async Task<ParentKeySet?> ParentKeysAsync(
        DbConnection connection, DbTransaction read, ISourceDialect dialect, DistrictSettings district, EntityMapping entity, ReferenceMap reference, EntityMapping parent, ParentKeyCache parentKeys, SourceSchema? schema, CancellationToken cancellationToken)
    {
        if (reference.Columns.Count != 1 || parent.Key.Count != 1
            || !IntegerKeyRanges.IsIntegerKey([entity.Column(reference.Columns[0]).Kind])
            || !IntegerKeyRanges.IsIntegerKey([parent.Column(parent.Key[0]).Kind])
            || await SpanAsync(connection, read, dialect, parent.Source, parent.Key[0], cancellationToken) is not var (min, max)
            || (Int128)max - min >= ParentKeySet.MaxSpan)
        {
            return null;
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

            if (max - min >= 4 * childRows)
            {
                return null;
            }
        }

        return await parentKeys.GetAsync(district, parent, cancellationToken, schema);
    }

    /// <summary>
    /// Per reference, the parents that do not exist: by the parent's keys where they fit a set, otherwise by one
    /// anti-join on the source (ids derived as the load derives them, with the parent key's collation given by the
    /// district's <paramref name="schema"/>); the target's quarantine gives the parents that exist but were rejected.
    /// </summary>
    public static async Task<OrphanIndex> OrphansAsync(
        MigrationConfig config,
        DistrictSettings district,
        EntityMapping entity,
        MappingSet mappings,
        Func<TableName, Task<HashSet<Guid>>> rejectedParents,
        ParentKeyCache parentKeys,
        CancellationToken cancellationToken,
        SourceSchema? schema = null)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        var dialect = SourceReads.Dialect(adapter, schema);
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        var tables = SourceReads.Tables(schema, entity.References.Select(r => r.Parent).Prepend(entity.Source));
        await using var read = await adapter.BeginReadAsync(connection, tables, cancellationToken);
        var missing = new List<HashSet<Guid>>();
        var quarantined = new List<HashSet<Guid>>();
        var present = new List<ParentKeySet?>();
        foreach (var reference in entity.References)
        {
            var parent = mappings[reference.Parent];
            var ids = new DeterministicUuid(config.UuidNamespace, district.Tenant, parent.Name);
            var kinds = reference.Columns.Select(c => entity.Column(c).Kind).ToArray();
            var insensitive = SourceColumns.ReferenceInsensitive(schema, mappings, reference);
            var fk = new ForeignKeyInfo(reference.Name, entity.Source, reference.Columns, parent.Source, parent.Key);
            var set = new HashSet<Guid>();
            quarantined.Add(await rejectedParents(reference.Parent));
            missing.Add(set);
            if (reference.Enforced || reference.Via is not null)
            {
                // The source guarantees this reference (an anti-join would scan the table to find nothing), or each
                // row looks its parent up through the alternate key and finds it missing there.
                present.Add(null);
                continue;
            }

            present.Add(await ParentKeysAsync(connection, read, dialect, district, entity, reference, parent, parentKeys, schema, cancellationToken));
            if (present[^1] is not null)
            {
                continue;
            }

            await using (var cmd = Command(connection, read, dialect.SelectOrphanKeys(fk, reference.Columns)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                var values = new object[reference.Columns.Count];
                while (await reader.ReadAsync(cancellationToken))
                {
                    reader.GetValues(values);
                    set.Add(ids.For(CanonicalKey.Of(values, kinds, insensitive)));
                }
            }
        }

        await read.CommitAsync(cancellationToken);
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
