namespace Ferry.Core.Planning;

/// <summary>
/// Groups a district's small loads into bundles, so hundreds of tiny tables do not each cost a dispatch, a
/// transaction and a commit: loads of one batch are bundled by dependency level (a bundle holds no load that waits
/// for another of the same bundle), up to <paramref name="maxRows"/> planned rows and <paramref name="maxLoads"/> loads
/// each. Loads of several batches, and loads whose own rows exceed the row budget, travel alone. Pure and
/// deterministic: the same plan gives the same bundles.
/// </summary>
public static class Bundling
{
    public static IReadOnlyList<PlannedLoad> Assign(IReadOnlyList<PlannedLoad> loads, long maxRows, int maxLoads)
    {
        var level = Levels(loads);
        var bundles = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 1;
        foreach (var byTarget in loads.Where(l => l.Batches == 1 && !l.Loaded && l.PlannedRows <= maxRows / 2)
                     .GroupBy(l => (l.Target, Level: level[l.Entity]))
                     .OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Target, StringComparer.Ordinal))
        {
            var members = new List<PlannedLoad>();
            long rows = 0;
            foreach (var load in byTarget.OrderBy(l => l.Entity, StringComparer.Ordinal))
            {
                if (members.Count > 0 && (members.Count == maxLoads || rows + load.PlannedRows > maxRows))
                {
                    Close(members, bundles, ref next);
                    rows = 0;
                }

                members.Add(load);
                rows += load.PlannedRows;
            }

            Close(members, bundles, ref next);
        }

        return loads.Select(l => bundles.TryGetValue(l.Entity, out var b) ? l with { Bundle = b } : l).ToList();
    }

    private static void Close(List<PlannedLoad> members, Dictionary<string, int> bundles, ref int next)
    {
        // A bundle of one is no bundle: it would only add a name for the same work.
        if (members.Count > 1)
        {
            foreach (var m in members)
            {
                bundles[m.Entity] = next;
            }

            next++;
        }

        members.Clear();
    }

    /// <summary>0 for a load with no prerequisite in the plan, else one more than its deepest prerequisite.</summary>
    private static Dictionary<string, int> Levels(IReadOnlyList<PlannedLoad> loads)
    {
        var byEntity = loads.ToDictionary(l => l.Entity, StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        int Of(string entity, int depth)
        {
            if (levels.TryGetValue(entity, out var known))
            {
                return known;
            }

            // Prerequisites form no cycle (cycles are broken when the order is made); the depth guard only protects
            // against a plan assembled by hand.
            var load = byEntity[entity];
            var level = depth > byEntity.Count ? 0 : load.Prerequisites.Where(byEntity.ContainsKey).Select(p => Of(p, depth + 1) + 1).DefaultIfEmpty(0).Max();
            levels[entity] = level;
            return level;
        }

        foreach (var l in loads)
        {
            Of(l.Entity, 0);
        }

        return levels;
    }
}
