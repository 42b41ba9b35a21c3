using Ferry.Core.Casting;

namespace Ferry.Core.Planning;

/// <summary>
/// Where an existing target table no longer matches its mapping: a mapped column missing, or holding another type
/// (a reviewed mapping retyped it after the table was created). One line per column naming table, column and both
/// types; tables that do not exist yet are not drift.
/// </summary>
public static class TypeDrift
{
    public static IReadOnlyList<string> Find(
        IEnumerable<EntityMapping> entities,
        IReadOnlyDictionary<(string Schema, string Table), IReadOnlyDictionary<string, string>> actual)
    {
        var problems = new List<string>();
        foreach (var e in entities)
        {
            if (!actual.TryGetValue((e.TargetSchema, e.TargetTable), out var columns))
            {
                continue;
            }

            foreach (var c in e.Columns)
            {
                if (!columns.TryGetValue(c.Target, out var type))
                {
                    problems.Add($"table {e.TargetSchema}.{e.TargetTable} has no column {c.Target}, which the mapping gives {e.Name}.{c.Source} as {c.TargetType}");
                }
                else if (!TargetTypeName.Same(c.TargetType, type))
                {
                    problems.Add($"table {e.TargetSchema}.{e.TargetTable}, column {c.Target}: the mapping says {c.TargetType}, the target holds {type}");
                }
            }
        }

        return problems;
    }
}
