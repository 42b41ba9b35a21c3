namespace Ferry.Core.Planning;

/// <summary>
/// The rule for which work may start in a district, given what has finished: a load waits until every entity in scope
/// it references (outside broken cycles) has finished in the same district, so a parent's rejected rows are known
/// before its children load; a bundle waits until every one of its loads may start. Pure: the local orchestrator of
/// <c>dm run</c> and the durable orchestrator apply the same rule to the same plan.
/// </summary>
public static class WorkSchedule
{
    /// <summary>Every group of the plan, bundles first in bundle order, then single loads in load order.</summary>
    public static IReadOnlyList<WorkGroup> Groups(DistrictPlan plan) =>
        plan.Loads.Where(l => l.Bundle is not null)
            .GroupBy(l => l.Bundle!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new WorkGroup(g.Select(l => l.Entity).ToList(), g.Key))
            .Concat(plan.Loads.Where(l => l.Bundle is null).Select(l => new WorkGroup([l.Entity], null)))
            .ToList();

    /// <summary>
    /// The groups that may start now: not finished, not started (by <see cref="WorkGroup.Key"/>), and every prerequisite of each of their loads
    /// finished. Loads an earlier run finished count as finished.
    /// </summary>
    public static IReadOnlyList<WorkGroup> Ready(DistrictPlan plan, IReadOnlySet<string> finished, IReadOnlySet<string> started)
    {
        var done = new HashSet<string>(finished, StringComparer.Ordinal);
        done.UnionWith(plan.Loads.Where(l => l.Loaded).Select(l => l.Entity));
        var ready = new List<WorkGroup>();
        foreach (var group in Groups(plan))
        {
            if (started.Contains(group.Key) || group.Entities.All(done.Contains))
            {
                continue;
            }

            var members = group.Entities.ToHashSet(StringComparer.Ordinal);
            if (group.Entities.All(e => plan.Load(e).Prerequisites.All(p => done.Contains(p) || members.Contains(p))))
            {
                ready.Add(group);
            }
        }

        return ready;
    }
}
