using System.Collections.Concurrent;
using Ferry.Engine.Pipeline;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Work;

/// <summary>
/// The <see cref="LoadContext"/> of each (district, entity) this process executes batches of, built on first use from
/// what planning recorded (so a process that never saw the planning executes correctly) and dropped when the load
/// finishes. Bounded: past <see cref="Capacity"/> loads the oldest is dropped and rebuilt if needed again.
/// </summary>
internal sealed class LoadContexts(MigrationContext context, Func<string, RunStore> storeOf, ParentKeyCache parentKeys, Func<Core.Planning.ColumnMap, ColumnTransfer, ColumnTransfer>? fault)
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<(string District, string Entity), Lazy<Task<LoadContext>>> _contexts = new();
    private readonly ConcurrentQueue<(string, string)> _order = new();

    public Task<LoadContext> GetAsync(string districtId, string entityName, CancellationToken cancellationToken)
    {
        var lazy = _contexts.GetOrAdd((districtId, entityName), key =>
        {
            _order.Enqueue(key);
            return new Lazy<Task<LoadContext>>(() => BuildAsync(districtId, entityName, cancellationToken));
        });
        while (_contexts.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _contexts.TryRemove(oldest, out _);
        }

        return lazy.Value;
    }

    /// <summary>A dry run's context: nothing is recorded, so the orphan search runs here.</summary>
    public void Put(string districtId, string entityName, LoadContext loadContext) =>
        _contexts[(districtId, entityName)] = new Lazy<Task<LoadContext>>(Task.FromResult(loadContext));

    public void Drop(string districtId, string entityName) => _contexts.TryRemove((districtId, entityName), out _);

    private async Task<LoadContext> BuildAsync(string districtId, string entityName, CancellationToken cancellationToken)
    {
        var district = context.Config.District(districtId);
        var entity = context.Entities.First(e => e.Name == entityName);
        var store = storeOf(entity.Target);
        var byKey = (await store.LoadAsync(district.Tenant, entityName, cancellationToken))?.OrphansByKey ?? [];
        var schema = context.Schema(districtId);
        var orphans = await LoadPlanner.OrphanIndexAsync(
            context.Config,
            district,
            entity,
            context.Mappings,
            await store.OrphanKeysAsync(district.Tenant, entityName, cancellationToken),
            byKey.ToHashSet(),
            parent => context.Mappings.Find(parent) is not { } p
                ? Task.FromResult(new HashSet<Guid>())
                : storeOf(p.Target).RejectedIdsAsync(district.Tenant, p.Name, cancellationToken),
            parentKeys,
            schema,
            cancellationToken);
        return new LoadContext(
            entity, district, SourceAdapters.For(district.Source.Provider), store.Target, context.Config, orphans,
            schema, context.Mappings, context.Facts.GetValueOrDefault(districtId), fault);
    }
}
