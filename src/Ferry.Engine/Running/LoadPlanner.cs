using System.Data.Common;
using Ferry.Core.Configuration;
using Ferry.Core.Mapping;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Running;

/// <summary>
/// Plans the full load of one (district, entity): counts its rows, reads the key of every batch-size-th row
/// (keyset pagination works for composite keys too; the last batch is open-ended, so rows added since planning
/// still load), and records the source's change position first, so a later delta starts from before the first
/// read. Also builds the load's <see cref="OrphanIndex"/>.
/// </summary>
internal static class LoadPlanner
{
    public sealed record Plan(long SourceRows, string? ChangePosition, IReadOnlyList<BatchDescriptor> Batches);

    public static async Task<Plan> PlanAsync(Guid runId, DistrictSettings district, EntityMapping entity, int batchSize, CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        var dialect = adapter.Dialect;
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        var position = await adapter.ReadChangePositionAsync(connection, cancellationToken);
        await using var read = await adapter.BeginReadAsync(connection, cancellationToken);
        long rows;
        await using (var count = Command(connection, read, dialect.CountRows(entity.Source)))
        {
            rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var bounds = new List<string>();
        await using (var boundaries = Command(connection, read, dialect.SelectKeyBoundaries(entity.Source, entity.Key, batchSize)))
        await using (var reader = await boundaries.ExecuteReaderAsync(cancellationToken))
        {
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

    /// <summary>
    /// One anti-join per reference on the source gives the parent keys that do not exist; the target's quarantine
    /// gives the parents that exist but were rejected. Both become parent ids.
    /// </summary>
    public static async Task<OrphanIndex> OrphansAsync(
        MigrationConfig config,
        DistrictSettings district,
        EntityMapping entity,
        MappingSet mappings,
        Func<TableName, Task<HashSet<Guid>>> rejectedParents,
        CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        await using var read = await adapter.BeginReadAsync(connection, cancellationToken);
        var missing = new List<HashSet<Guid>>();
        var quarantined = new List<HashSet<Guid>>();
        foreach (var reference in entity.References)
        {
            var parent = mappings[reference.Parent];
            var ids = new DeterministicUuid(config.UuidNamespace, district.Tenant, parent.Name);
            var kinds = reference.Columns.Select(c => entity.Column(c).Kind).ToArray();
            var fk = new ForeignKeyInfo(reference.Name, entity.Source, reference.Columns, parent.Source, parent.Key);
            var set = new HashSet<Guid>();
            if (reference.Enforced)
            {
                // The source guarantees this reference: an anti-join would scan the table to find nothing.
                missing.Add(set);
                quarantined.Add(await rejectedParents(reference.Parent));
                continue;
            }

            await using (var cmd = Command(connection, read, adapter.Dialect.SelectOrphanKeys(fk, reference.Columns)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                var values = new object[reference.Columns.Count];
                while (await reader.ReadAsync(cancellationToken))
                {
                    reader.GetValues(values);
                    set.Add(ids.For(CanonicalKey.Of(values, kinds)));
                }
            }

            missing.Add(set);
            quarantined.Add(await rejectedParents(reference.Parent));
        }

        await read.CommitAsync(cancellationToken);
        return new OrphanIndex(missing, quarantined);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        return cmd;
    }
}
