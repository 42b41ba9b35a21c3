using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>
/// Orders entities by their references. Pure: mappings in, <see cref="LoadOrder"/> out. Cycles are found as
/// strongly connected components (Tarjan) and broken explicitly, preferring nullable references, then the edge
/// whose child sorts last, so the outcome is the same on every machine.
/// </summary>
public static class DependencyGraph
{
    public static LoadOrder Order(IReadOnlyList<EntityMapping> entities)
    {
        var inScope = entities.ToDictionary(e => e.Source);
        var edges = new List<(TableName Child, ReferenceMap Ref)>();
        var broken = new List<(TableName, ReferenceMap)>();
        foreach (var e in entities)
        {
            foreach (var r in e.References)
            {
                if (r.Parent.Equals(e.Source))
                {
                    broken.Add((e.Source, r));
                }
                else if (inScope.ContainsKey(r.Parent))
                {
                    edges.Add((e.Source, r));
                }
            }
        }

        while (true)
        {
            var cycle = FindCycle(inScope.Keys, edges);
            if (cycle is null)
            {
                break;
            }

            var victim = edges
                .Where(x => cycle.Contains(x.Child) && cycle.Contains(x.Ref.Parent))
                .OrderByDescending(x => x.Ref.Nullable)
                .ThenByDescending(x => x.Child)
                .ThenBy(x => x.Ref.TargetColumn, StringComparer.Ordinal)
                .First();
            edges.Remove(victim);
            broken.Add(victim);
        }

        var prerequisites = inScope.Keys.ToDictionary(
            k => k,
            k => (IReadOnlyList<TableName>)edges.Where(x => x.Child.Equals(k)).Select(x => x.Ref.Parent).Distinct().OrderBy(p => p).ToList());

        // Kahn's algorithm with a sorted ready set keeps the order deterministic.
        var remaining = prerequisites.ToDictionary(p => p.Key, p => p.Value.Count);
        var ready = new SortedSet<TableName>(remaining.Where(r => r.Value == 0).Select(r => r.Key));
        var ordered = new List<EntityMapping>();
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            ordered.Add(inScope[next]);
            foreach (var child in prerequisites.Where(p => p.Value.Contains(next)).Select(p => p.Key))
            {
                if (--remaining[child] == 0)
                {
                    ready.Add(child);
                }
            }
        }

        return new LoadOrder(ordered, broken, prerequisites);
    }

    /// <summary>The members of one strongly connected component with more than one entity, or null if none.</summary>
    private static HashSet<TableName>? FindCycle(IEnumerable<TableName> nodes, List<(TableName Child, ReferenceMap Ref)> edges)
    {
        var adjacency = edges.GroupBy(e => e.Child).ToDictionary(g => g.Key, g => g.Select(e => e.Ref.Parent).Distinct().ToList());
        var index = new Dictionary<TableName, int>();
        var low = new Dictionary<TableName, int>();
        var stack = new Stack<TableName>();
        var onStack = new HashSet<TableName>();
        var counter = 0;
        HashSet<TableName>? found = null;

        void Visit(TableName v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in adjacency.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new HashSet<TableName>();
                TableName w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (!w.Equals(v));

                if (component.Count > 1 && found is null)
                {
                    found = component;
                }
            }
        }

        foreach (var n in nodes.OrderBy(n => n))
        {
            if (!index.ContainsKey(n))
            {
                Visit(n);
            }
        }

        return found;
    }
}
