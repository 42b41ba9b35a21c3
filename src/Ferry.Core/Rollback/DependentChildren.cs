using Ferry.Core.Model;
using Ferry.Core.Planning;

namespace Ferry.Core.Rollback;

/// <summary>
/// The rule that rows are never deleted from under a foreign key: deleting a tenant's rows of some entities is refused
/// while another entity of that tenant that stays loaded references one of them through an enforced foreign key. Pure.
/// </summary>
public static class DependentChildren
{
    /// <summary>
    /// (child, parent) pairs where <paramref name="child"/> is loaded and stays, and references <paramref name="parent"/>
    /// whose rows go; empty when the deletion can proceed.
    /// </summary>
    public static IReadOnlyList<(TableName Child, TableName Parent)> Remaining(
        MappingSet mappings, IReadOnlySet<TableName> deleted, IEnumerable<TableName> loaded)
    {
        var result = new List<(TableName, TableName)>();
        foreach (var child in loaded.Where(c => !deleted.Contains(c)).Distinct().Order())
        {
            if (mappings.Find(child) is not { } mapping)
            {
                continue;
            }

            foreach (var parent in mapping.References.Where(r => r.Constraint is not null && deleted.Contains(r.Parent)).Select(r => r.Parent).Distinct().Order())
            {
                result.Add((child, parent));
            }
        }

        return result;
    }
}
