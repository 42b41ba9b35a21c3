using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;
using Npgsql;

namespace Ferry.Engine.Preview;

/// <summary>
/// Works out what a run of a resolved scope would do (<c>dm plan</c>): from the catalogs the context already read and
/// the loads earlier runs recorded in the target databases (read only; a target without the toolkit's schema has none),
/// never reading a legacy row and writing nothing.
/// </summary>
public static class RunPreviewer
{
    public static async Task<RunPreview> PreviewAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var earlier = new Dictionary<(Guid Tenant, string Entity), EarlierLoad>();
        foreach (var target in context.Config.Targets.Where(t => context.Entities.Any(e => e.Target == t.Name)))
        {
            await ReadEarlierLoadsAsync(context.Config, target, earlier, notes, cancellationToken);
        }

        return Build(
            context.Config,
            context.Entities,
            context.Order,
            context.Districts.Select(d => (d, context.Schema(d.Id))).ToList(),
            earlier,
            notes);
    }

    /// <summary>What an earlier run recorded about a load: whether it finished, and how many of its batches are pending.</summary>
    internal sealed record EarlierLoad(bool Loaded, int PendingBatches);

    /// <summary>The preview from plain inputs. Pure.</summary>
    internal static RunPreview Build(
        MigrationConfig config,
        IReadOnlyList<EntityMapping> entities,
        LoadOrder order,
        IReadOnlyList<(DistrictSettings District, SourceSchema Schema)> districts,
        IReadOnlyDictionary<(Guid Tenant, string Entity), EarlierLoad> earlier,
        IReadOnlyList<string> notes)
    {
        var inScope = entities.Select(e => e.Source).ToHashSet();
        var levels = new Dictionary<TableName, int>();
        foreach (var e in entities)
        {
            // Load order puts every prerequisite first, so its level is known by now.
            levels[e.Source] = order.Prerequisites[e.Source].Where(inScope.Contains).Select(p => levels[p] + 1).DefaultIfEmpty(0).Max();
        }

        var steps = entities.Select(e => new EntityStep(
            e.Name,
            e.Target,
            $"{e.TargetSchema}.{e.TargetTable}",
            levels[e.Source],
            order.Prerequisites[e.Source].Where(inScope.Contains).Select(p => p.ToString()).ToList())).ToList();
        var previews = districts.Select(d => new DistrictPreview(
            d.District.Id,
            d.District.Tenant,
            ConnectionStrings.Describe(d.District.Source.Connection),
            entities.Select(e =>
            {
                var rows = d.Schema.Find(e.Source)?.EstimatedRows ?? 0;
                return earlier.GetValueOrDefault((d.District.Tenant, e.Name)) switch
                {
                    { Loaded: true } => new LoadPreview(e.Name, LoadAction.Skip, rows, 0),
                    { } planned => new LoadPreview(e.Name, LoadAction.Resume, rows, planned.PendingBatches),
                    null => new LoadPreview(e.Name, LoadAction.Load, rows, EstimatedBatches(e, rows, config.BatchSize)),
                };
            }).ToList())).ToList();
        var deferred = order.BrokenEdges
            .Where(b => inScope.Contains(b.Child))
            .Select(b => new DeferredReference(b.Child.ToString(), b.Reference.Columns, b.Reference.Parent.ToString()))
            .ToList();
        return new RunPreview(config.File, config.BatchSize, config.Parallelism, steps, previews, deferred, notes);
    }

    /// <summary>
    /// Batches the planner would cut from that many rows: one per batch size (a gap-free integer key cut by value may
    /// make ranges up to twice as full, never more of them), at least one, and one more for the rows whose configured
    /// key has a NULL column, which go to quarantine together.
    /// </summary>
    internal static int EstimatedBatches(EntityMapping entity, long rows, int batchSize)
    {
        var batches = (int)Math.Max(1, Math.Min(int.MaxValue, (rows + batchSize - 1) / batchSize));
        var nullKeys = entity.KeyOrigin == KeyOrigin.Configured && entity.Key.Any(k => entity.Column(k).Nullable);
        return nullKeys ? batches + 1 : batches;
    }

    private static async Task ReadEarlierLoadsAsync(
        MigrationConfig config, TargetSettings target, Dictionary<(Guid, string), EarlierLoad> earlier, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            await using var source = Ferry.Postgres.PostgresDataSources.Create(new NpgsqlConnectionStringBuilder(target.Connection) { Pooling = false });
            foreach (var load in await LoadProgress.ReadIfPresentAsync(source, cancellationToken))
            {
                earlier[(load.Tenant, load.Entity)] = new EarlierLoad(load.Loaded, load.PendingBatches);
            }
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException && !cancellationToken.IsCancellationRequested)
        {
            // The plan itself needs only the sources; without the target it cannot tell what earlier runs finished.
            notes.Add($"{(e is ArgumentException ? $"target {target.Name}: bad connection string" : TargetDatabases.Failure(config, target, e).Message)}: every load is shown as to do");
        }
    }
}
