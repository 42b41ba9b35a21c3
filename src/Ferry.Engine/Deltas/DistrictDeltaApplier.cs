using System.Data;
using System.Data.Common;
using System.Text.Json.Nodes;
using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.Engine.Verification;
using Ferry.Engine.Work;
using Ferry.Postgres.Control;
using Ferry.Postgres.Control.Deltas;
using Npgsql;

namespace Ferry.Engine.Deltas;

/// <summary>
/// One district's delta in one target database. Reads, in one consistent source read, the keys changed between the
/// two positions (plus the keys of rows quarantined for a missing parent, which are tried again) and the current rows
/// of those keys, mapped by the load's own row processor (same ids, tenant, conversions, quarantine rules). Then, in
/// one target transaction: stages them, quarantines rows whose parent will not exist (or NULLs the reference, by
/// policy), sets conflicts aside (or lets legacy win), writes before-images, upserts parents first, sets deferred
/// (self and cyclic) references, deletes children first, settles the quarantine, records the watermark, and commits
/// only while the run's lease is live.
/// </summary>
internal sealed class DistrictDeltaApplier(
    MigrationContext context, DistrictSettings district, ISourceAdapter adapter, IChangeCapture capture, NpgsqlDataSource target, Guid runId)
{
    private sealed record Changes(EntityMapping Entity, HashSet<Guid> Ids, List<CapturedRow> Rows, List<QuarantineEntry> Quarantine);

    /// <summary>What the delta applied, and whether another delivery of the same run had applied it already (then nothing is written).</summary>
    public async Task<(DeltaApplied Applied, bool Before)> ApplyAsync(DbConnection source, IReadOnlyList<EntityMapping> entities, string from, string to, CancellationToken cancellationToken)
    {
        var changes = await ReadAsync(source, entities, from, to, cancellationToken);
        var changed = changes.Select(c => c.Entity.Name).ToHashSet(StringComparer.Ordinal);

        // Parents of changed entities are staged too (empty): the orphan check reads every parent's staging tables.
        var parents = changes.SelectMany(c => c.Entity.References).Select(r => context.Mappings.Find(r.Parent)).OfType<EntityMapping>()
            .Where(p => p.Target == entities[0].Target).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var staged = entities.Where(e => changed.Contains(e.Name) || parents.Contains(e.Name)).ToList();
        var numbers = staged.Select((e, i) => (e.Name, i + 1)).ToDictionary(x => x.Name, x => x.Item2, StringComparer.Ordinal);
        var deltaEntities = staged.Select(e => Describe(e, numbers)).ToList();

        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await DeltaLedger.LockAsync(connection, transaction, runId, district.Tenant, cancellationToken) is { } done)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (done, true);
        }

        var writer = new DeltaTarget(connection, transaction, runId, district.Tenant, deltaEntities);
        var byName = changes.ToDictionary(c => c.Entity.Name, StringComparer.Ordinal);
        var byEntity = staged.Zip(deltaEntities).ToDictionary(x => x.First.Name, x => x.Second, StringComparer.Ordinal);
        foreach (var (entity, delta) in staged.Zip(deltaEntities))
        {
            var c = byName.GetValueOrDefault(entity.Name);
            await writer.StageAsync(delta, c?.Rows.Select(r => r.Encoded) ?? [], c?.Ids ?? [], cancellationToken);
        }

        long conflicts = 0;
        foreach (var entity in entities)
        {
            // Rows the legacy database left unchanged whose parent this delta removes (deleted there, or quarantined):
            // read again and changed like the rest, so the orphan check below quarantines them and they leave the target
            // before their parent does. Load order makes this cascade: a row removed here removes its own children next.
            if (await OrphanedAsync(source, writer, entity, byEntity, cancellationToken) is { } orphaned)
            {
                if (!byEntity.TryGetValue(entity.Name, out var added))
                {
                    numbers[entity.Name] = numbers.Count + 1;
                    added = Describe(entity, numbers);
                    deltaEntities.Add(added);
                    byEntity[entity.Name] = added;
                    await writer.StageAsync(added, [], [], cancellationToken);
                }

                await writer.AddAsync(added, orphaned.Rows.Select(r => r.Encoded), orphaned.Ids, cancellationToken);
                if (byName.TryGetValue(entity.Name, out var existing))
                {
                    existing.Ids.UnionWith(orphaned.Ids);
                    existing.Rows.AddRange(orphaned.Rows);
                    existing.Quarantine.AddRange(orphaned.Quarantine);
                }
                else
                {
                    byName[entity.Name] = orphaned;
                    changes.Add(orphaned);
                    changed.Add(entity.Name);
                }
            }

            if (byName.GetValueOrDefault(entity.Name) is not { } c || !byEntity.TryGetValue(entity.Name, out var delta))
            {
                continue;
            }

            var rows = c.Rows.ToDictionary(r => r.Id);
            foreach (var group in (await writer.MissingParentsAsync(delta, cancellationToken)).GroupBy(m => m.Reference))
            {
                var reference = entity.References[group.Key];
                var nulled = context.Config.Policies.Orphan == ProblemAction.Null && reference.Nullable;
                var ids = group.Select(m => m.Id).ToList();
                foreach (var id in ids)
                {
                    var row = rows[id];
                    c.Quarantine.Add(new QuarantineEntry(
                        row.LegacyKey, id, nulled ? "nulled" : "rejected", ReasonCode.Orphan, string.Join(",", reference.Columns),
                        $"{reference.Parent}({string.Join(", ", reference.Via ?? reference.Columns)}) does not exist in the target after this delta", row.RowJson));
                }

                if (nulled)
                {
                    await writer.NullReferenceAsync(delta, group.Key, ids, cancellationToken);
                }
                else
                {
                    await writer.ExcludeAsync(delta, ids, keepChanged: true, cancellationToken);
                }
            }

            var found = await writer.ConflictsAsync(delta, cancellationToken);
            if (found.Count > 0)
            {
                var legacyWins = context.Config.Conflicts == ConflictPolicy.LegacyWins;
                var recorded = found.Select(f => (f.Id, f.ByRole, f.TargetRow, rows.GetValueOrDefault(f.Id)?.LegacyKey, rows.GetValueOrDefault(f.Id)?.RowJson)).ToList();
                await writer.RecordConflictsAsync(delta, district.Id, recorded, legacyWins, cancellationToken);
                if (!legacyWins)
                {
                    await writer.ExcludeAsync(delta, found.Select(f => f.Id).ToList(), keepChanged: false, cancellationToken);
                    c.Quarantine.RemoveAll(q => q.Id is { } id && found.Any(f => f.Id == id));
                }

                conflicts += found.Count;
            }
        }

        // Entities added by the cascade go in load order with the rest: parents written first, children deleted first.
        var order = entities.Select((e, i) => (e.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        deltaEntities.Sort((a, b) => order[a.Entity].CompareTo(order[b.Entity]));
        long upserted = 0, deleted = 0, quarantined = 0, resolved = 0;
        foreach (var delta in deltaEntities)
        {
            upserted += await writer.UpsertAsync(delta, cancellationToken);
        }

        foreach (var delta in deltaEntities)
        {
            await writer.ReattachAsync(delta, cancellationToken);
        }

        foreach (var delta in Enumerable.Reverse(deltaEntities))
        {
            await writer.DetachAsync(delta, cancellationToken);
        }

        foreach (var delta in Enumerable.Reverse(deltaEntities))
        {
            deleted += await writer.DeleteAsync(delta, cancellationToken);
        }

        foreach (var delta in deltaEntities)
        {
            if (byName.GetValueOrDefault(delta.Entity) is not { } c)
            {
                continue;
            }

            var batch = new BatchDescriptor(runId, district.Id, district.Tenant, delta.Entity, 0, null, null);
            await QuarantineWriter.WriteAsync(connection, batch, c.Quarantine.Count, c.Quarantine, cancellationToken);
            var (loaded, added) = await writer.SettleQuarantineAsync(delta, cancellationToken);
            resolved += loaded;
            quarantined += added;
        }

        var applied = new DeltaApplied(runId, district.Id, from, to, DateTime.UtcNow, upserted, deleted, quarantined, resolved, conflicts, changed.Order(StringComparer.Ordinal).ToList());
        await DeltaLedger.RecordAsync(connection, transaction, district.Tenant, applied, cancellationToken);
        await DeltaLedger.RecordEntitiesAsync(connection, transaction, runId, district.Tenant, district.Id, applied.Entities, cancellationToken);
        if (!await BatchLedger.FenceAsync(connection, runId, cancellationToken))
        {
            throw new LeaseLostException(runId);
        }

        await transaction.CommitAsync(cancellationToken);
        return (applied, false);
    }

    /// <summary>
    /// Per entity with changes: the ids of every changed key, and the current rows of those keys, mapped. An entity
    /// change capture does not track is diffed instead (see <see cref="BucketDiff"/>): its changed ids are those of the
    /// differing buckets, on either side.
    /// </summary>
    private async Task<List<Changes>> ReadAsync(DbConnection source, IReadOnlyList<EntityMapping> entities, string from, string to, CancellationToken cancellationToken)
    {
        var schema = context.Schema(district.Id);
        var result = new List<Changes>();

        // The keys first, outside the read: the change log up to the position reached is fixed already. The buckets
        // of diffed entities too: a row changed after they were summed is read as it is now, or by the next delta.
        var changedKeys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var diffs = new Dictionary<string, DifferingBuckets>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            var table = DeltaEngine.Captured(entity, schema);
            var keys = table.Tracked ? (await capture.ChangedKeysAsync(source, table, from, to, cancellationToken)).ToList() : [];
            foreach (var row in await DeltaLedger.OrphanRowsAsync(target, district.Tenant, entity.Name, cancellationToken))
            {
                keys.Add(KeyOf(entity, row));
            }

            changedKeys[entity.Name] = keys;
            if (!table.Tracked)
            {
                // Tried again each time: a rejected row is not in the bucket sums, so its fix would go unseen. A row
                // still rejected for the same reason adds nothing (the quarantine keeps the earlier entry).
                foreach (var row in await DeltaLedger.RejectedForValuesRowsAsync(target, district.Tenant, entity.Name, cancellationToken))
                {
                    keys.Add(KeyOf(entity, row));
                }

                var verification = new EntityVerification(entity, district, context.Config, adapter, target, schema, context.Facts.GetValueOrDefault(district.Id));
                diffs[entity.Name] = await BucketDiff.FindAsync(verification, context.Config.BatchSize, context.Config.Parallelism, new VerifyOptions().RowsPerBucket, cancellationToken);
            }
        }

        await using var read = await adapter.BeginReadAsync(source, cancellationToken);
        foreach (var entity in entities)
        {
            var table = DeltaEngine.Captured(entity, schema);
            var keys = changedKeys[entity.Name];
            var diff = diffs.GetValueOrDefault(entity.Name) is { Buckets.Count: > 0 } d ? d : null;
            if (keys.Count == 0 && diff is null)
            {
                continue;
            }

            var ctx = new LoadContext(entity, district, adapter, target, context.Config, OrphanIndex.Empty(entity.References.Count), schema, context.Mappings, context.Facts.GetValueOrDefault(district.Id));
            var changes = keys.Count == 0
                ? new Changes(entity, [], [], [])
                : await ByKeysAsync(source, read, ctx, table, keys, cancellationToken);
            if (diff is not null)
            {
                changes = await WithDiffAsync(source, read, ctx, diff, changes, cancellationToken);
            }

            result.Add(changes);
        }

        return result;
    }

    /// <summary>The rows of the given keys, mapped, and the ids of every key (a key whose row is gone has an id, no row).</summary>
    private async Task<Changes> ByKeysAsync(DbConnection source, DbTransaction read, LoadContext ctx, CapturedTable table, List<string> keys, CancellationToken cancellationToken)
    {
        var json = "[" + string.Join(",", keys.Distinct(StringComparer.Ordinal)) + "]";
        HashSet<Guid> ids;
        await using (var command = Command(source, read, capture.SelectByKeys(table.Table, ctx.KeyOrdinals.Select(k => ctx.SelectColumns[k]).ToList(), ctx.KeyColumns, fromKeys: true), json))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            ids = await KeyIds.ReadAsync(ctx, reader, cancellationToken);
        }

        var rows = new List<CapturedRow>();
        await using var select = Command(source, read, capture.SelectByKeys(table.Table, ctx.SelectColumns, ctx.KeyColumns, fromKeys: false), json);
        await using var rowReader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var processor = new RowProcessor(ctx, rowReader);
        using var buffer = processor.Quarantine;
        while (await rowReader.ReadAsync(cancellationToken))
        {
            if (processor.Process(rowReader))
            {
                rows.Add(processor.Capture(district.Tenant));
            }
        }

        return new Changes(ctx.Entity, ids, rows, buffer.Entries().ToList());
    }

    /// <summary>
    /// Adds the rows of the differing buckets to <paramref name="changes"/>: the whole legacy table is read as a load
    /// reads it (same query, same row processor, so duplicates and bad values are found as the load found them) and
    /// the rows of those buckets kept; every id in them, legacy or target, is a changed id, so a target row whose
    /// legacy row is gone is deleted. Rows of those buckets already read by key are replaced by the scan's.
    /// </summary>
    private async Task<Changes> WithDiffAsync(DbConnection source, DbTransaction read, LoadContext ctx, DifferingBuckets diff, Changes changes, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>(changes.Ids.Concat(diff.TargetIds));
        var rows = changes.Rows.Where(r => !diff.Contains(r.Id)).ToList();
        var quarantine = changes.Quarantine.Where(q => q.Id is not { } id || !diff.Contains(id)).ToList();
        await using var command = source.CreateCommand();
        command.Transaction = read;
        command.CommandTimeout = 0;
        command.CommandText = ctx.Dialect.SelectRange(ctx.Entity.Source, ctx.SelectColumns, ctx.Entity.Key.ToList(), hasLower: false, hasUpper: false);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var processor = new RowProcessor(ctx, reader);
        using var buffer = processor.Quarantine;
        while (await reader.ReadAsync(cancellationToken))
        {
            var loads = processor.Process(reader);
            if (processor.Id == Guid.Empty || !diff.Contains(processor.Id))
            {
                continue;
            }

            ids.Add(processor.Id);
            if (loads)
            {
                rows.Add(processor.Capture(district.Tenant));
            }
        }

        quarantine.AddRange(buffer.Entries().Where(q => q.Id is { } id && diff.Contains(id)));
        return new Changes(ctx.Entity, ids, rows, quarantine);
    }

    /// <summary>
    /// The target rows of <paramref name="entity"/> that this delta has not changed but whose parent it removes (a
    /// parent the legacy database deleted, or that this delta quarantined or removed in turn), read again from the
    /// legacy table by their legacy keys (kept in the target beside the id); null when there are none. Their ids count
    /// as changed whatever the read finds, so a row gone from the legacy table meanwhile is simply deleted.
    /// Self-references and the references that close a cycle are not followed: their parents are written after them.
    /// </summary>
    private async Task<Changes?> OrphanedAsync(DbConnection source, DeltaTarget writer, EntityMapping entity, Dictionary<string, DeltaEntity> staged, CancellationToken cancellationToken)
    {
        var broken = context.Order.BrokenEdges.Select(b => (b.Child, b.Reference.Name)).ToHashSet();
        var parents = entity.References
            .Where(r => r.Constraint is not null && r.Parent != entity.Source && !broken.Contains((entity.Source, r.Name)))
            .Select(r => (r.TargetColumn, Parent: staged.GetValueOrDefault(r.Parent.ToString())))
            .Where(r => r.Parent is not null)
            .Select(r => (r.TargetColumn, r.Parent!))
            .ToList();
        if (parents.Count == 0)
        {
            return null;
        }

        var found = await writer.OrphanedAsync(entity.TargetSchema, entity.TargetTable, staged.GetValueOrDefault(entity.Name), parents, cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        var keys = found.Select(f => KeyFromTarget(entity, f.TargetRow)).ToList();
        await using var read = await adapter.BeginReadAsync(source, cancellationToken);
        var schema = context.Schema(district.Id);
        var ctx = new LoadContext(entity, district, adapter, target, context.Config, OrphanIndex.Empty(entity.References.Count), schema, context.Mappings, context.Facts.GetValueOrDefault(district.Id));
        var current = await ByKeysAsync(source, read, ctx, DeltaEngine.Captured(entity, schema), keys, cancellationToken);
        await read.CommitAsync(cancellationToken);
        current.Ids.UnionWith(found.Select(f => f.Id));
        return current;
    }

    /// <summary>A target row's legacy key (the key columns load beside the id), as a key object of legacy column names.</summary>
    private static string KeyFromTarget(EntityMapping entity, string targetRow)
    {
        var row = JsonNode.Parse(targetRow)!.AsObject();
        var key = new JsonObject();
        foreach (var k in entity.Key)
        {
            key[k] = row[entity.Column(k).Target]?.DeepClone();
        }

        return key.ToJsonString();
    }

    private DeltaEntity Describe(EntityMapping e, IReadOnlyDictionary<string, int> numbers)
    {
        var broken = context.Order.BrokenEdges.Select(b => (b.Child, b.Reference.Name)).ToHashSet();
        return new DeltaEntity(
            numbers[e.Name], e.Name, e.TargetSchema, e.TargetTable, CopyColumns(e),
            e.References.Select(r => new DeltaReference(
                r.TargetColumn,
                r.Constraint is not null && numbers.TryGetValue(r.Parent.ToString(), out var n) ? n : null,
                broken.Contains((e.Source, r.Name)),
                r.Nullable,
                r.Parent == e.Source)).ToList());
    }

    /// <summary>The key columns of a quarantined row's original JSON, as a key object.</summary>
    private static string KeyOf(EntityMapping entity, string rowJson)
    {
        var row = JsonNode.Parse(rowJson)!.AsObject();
        var key = new JsonObject();
        foreach (var k in entity.Key)
        {
            key[k] = row[k]?.DeepClone();
        }

        return key.ToJsonString();
    }

    private DbCommand Command(DbConnection source, DbTransaction read, string sql, string json)
    {
        var command = source.CreateCommand();
        command.Transaction = read;
        command.CommandTimeout = 0;
        command.CommandText = sql;
        command.Parameters.Add(capture.KeysParameter(json));
        return command;
    }

    private static string CopyColumns(EntityMapping entity) =>
        string.Join(", ", new[] { "tenant_id", "id" }
            .Concat(entity.References.Select(r => r.TargetColumn))
            .Concat(entity.Columns.Select(c => c.Target))
            .Select(Postgres.PgIdentifier.Quote));
}
