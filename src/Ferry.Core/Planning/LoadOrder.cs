using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>
/// The order entities load in: parents before children. <see cref="BrokenEdges"/> are the references left out to
/// make the graph acyclic (self-references always; one edge per cycle otherwise, nullable ones first). Those
/// references still load in the same pass: target foreign keys are checked once, when the run ends.
/// <see cref="Prerequisites"/> lists, per entity, the entities that must have finished first.
/// </summary>
public sealed record LoadOrder(
    IReadOnlyList<EntityMapping> Ordered,
    IReadOnlyList<(TableName Child, ReferenceMap Reference)> BrokenEdges,
    IReadOnlyDictionary<TableName, IReadOnlyList<TableName>> Prerequisites)
{
    /// <summary>Children before parents: the order of deletes when a run is rolled back.</summary>
    public IEnumerable<EntityMapping> Reversed => Ordered.Reverse();
}
