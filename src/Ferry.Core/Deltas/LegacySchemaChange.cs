using Ferry.Core.Model;
using Ferry.Core.Planning;

namespace Ferry.Core.Deltas;

/// <summary>
/// Legacy schema changes made since the full load, which a delta cannot carry on its own: a column added to a legacy
/// table (the target has no column for it), dropped, or retyped. One line per change, naming table and column. Pure:
/// the mapping the load used, the district's schema now, and the target's columns in; lines out.
/// </summary>
public static class LegacySchemaChange
{
    /// <param name="entities">The mapped entities a delta follows.</param>
    /// <param name="schema">The district's legacy schema now.</param>
    /// <param name="targetColumns">Per target table (schema, table), its column names; a table not listed is not checked against the target.</param>
    public static IReadOnlyList<string> Find(
        IEnumerable<EntityMapping> entities, SourceSchema schema, IReadOnlyDictionary<(string Schema, string Table), IReadOnlyDictionary<string, string>> targetColumns)
    {
        var changes = new List<string>();
        foreach (var e in entities)
        {
            var table = schema.Find(e.Source);
            if (table is null)
            {
                changes.Add($"table {e.Source} was dropped");
                continue;
            }

            targetColumns.TryGetValue((e.TargetSchema, e.TargetTable), out var target);
            foreach (var c in e.Columns)
            {
                var column = table.Column(c.Source);
                if (column is null)
                {
                    changes.Add($"column {e.Source}.{c.Source} was dropped");
                }
                else if (!string.Equals(column.DataType, c.SourceType, StringComparison.OrdinalIgnoreCase))
                {
                    changes.Add($"column {e.Source}.{c.Source} was retyped from {c.SourceType} to {column.DataType}");
                }
                else if (target is not null && !target.ContainsKey(c.Target))
                {
                    changes.Add($"column {e.Source}.{c.Source} was added (the target table {e.TargetSchema}.{e.TargetTable} has no column {c.Target})");
                }
            }

            foreach (var column in table.Columns.Where(s => NameMatch.Find(e.Columns, c => c.Source, s.Name) is null))
            {
                changes.Add($"column {e.Source}.{column.Name} was added");
            }
        }

        return changes;
    }
}
