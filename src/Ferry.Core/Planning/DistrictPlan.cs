namespace Ferry.Core.Planning;

/// <summary>What a run does for one district: every load in scope, in load order. Small enough to hand between processes.</summary>
public sealed record DistrictPlan(Guid RunId, string District, Guid Tenant, IReadOnlyList<PlannedLoad> Loads)
{
    public PlannedLoad Load(string entity) => Loads.First(l => l.Entity == entity);

    /// <summary>The work items of a group of loads (one load, or every load of one bundle).</summary>
    public IReadOnlyList<WorkItem> WorkOf(WorkGroup group)
    {
        if (group.Bundle is { } bundle)
        {
            return [WorkItem.ForBundle(RunId, District, Tenant, Loads.First(l => l.Bundle == bundle).Target, bundle)];
        }

        var load = Load(group.Entities[0]);
        return Enumerable.Range(1, load.Batches).Select(n => WorkItem.ForBatch(RunId, District, Tenant, load.Target, load.Entity, n)).ToList();
    }
}
