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

    /// <summary>A subset by patterns (the <c>--entity</c> option), keeping the mapping of every entity.</summary>
    public IReadOnlyList<EntityMapping> Select(IReadOnlyCollection<string> patterns) =>
        patterns.Count == 0
            ? Entities
            : Entities.Where(e => patterns.Any(p => Configuration.Glob.IsMatch(p, e.Name))).ToList();
}
