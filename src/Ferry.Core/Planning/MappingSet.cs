using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>The resolved mapping of every entity in scope, looked up by legacy name.</summary>
public sealed class MappingSet
{
    private readonly Dictionary<TableName, EntityMapping> _byName;

    public MappingSet(IReadOnlyList<EntityMapping> entities)
    {
        Entities = entities;
        _byName = entities.ToDictionary(e => e.Source);
    }

    public IReadOnlyList<EntityMapping> Entities { get; }

    public EntityMapping? Find(TableName name) => _byName.GetValueOrDefault(name);

    public EntityMapping this[TableName name] => _byName[name];

    /// <summary>
    /// Target names that two legacy names share (tables of one target database, or columns of one table, including
    /// the reference and id columns the mapping adds), one message each naming both; empty when the mapping can load.
    /// </summary>
    public IReadOnlyList<string> Collisions()
    {
        var problems = new List<string>();
        foreach (var g in Entities.GroupBy(e => (e.Target, e.TargetSchema, e.TargetTable)).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", g.Select(e => e.Name))} all become table {g.Key.TargetSchema}.{g.Key.TargetTable}");
        }

        foreach (var e in Entities)
        {
            var names = new[] { ("tenant_id", "the tenant column"), ("id", "the row's uuid") }
                .Concat(e.References.Select(r => (r.TargetColumn, $"the reference to {r.Parent}")))
                .Concat(e.Columns.Select(c => (c.Target, $"{e.Name}.{c.Source}")));
            foreach (var g in names.GroupBy(n => n.Item1, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"{string.Join(" and ", g.Select(n => n.Item2))} all become column {e.TargetSchema}.{e.TargetTable}.{g.Key}");
            }
        }

        return problems;
    }

    /// <summary>A subset by patterns (the <c>--entity</c> option), keeping the mapping of every entity.</summary>
    public IReadOnlyList<EntityMapping> Select(IReadOnlyCollection<string> patterns) =>
        patterns.Count == 0
            ? Entities
            : Entities.Where(e => patterns.Any(p => Configuration.Glob.IsMatch(p, e.Name))).ToList();
}
