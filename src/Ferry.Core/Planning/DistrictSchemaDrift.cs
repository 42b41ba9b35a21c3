using Ferry.Core.Casting;
using Ferry.Core.Model;

namespace Ferry.Core.Planning;

/// <summary>
/// Where one district's legacy schema does not fit the mapping taken from the first district's: a table or mapped
/// column missing, a column type without a mapping rule, or a column whose mapped type does not fit the first
/// district's (<see cref="TargetTypeFit"/>), so its values would be refused or changed. One line per problem, naming
/// table and column. Pure: schemas in, lines out.
/// </summary>
public static class DistrictSchemaDrift
{
    /// <param name="entities">The entities in scope.</param>
    /// <param name="first">The first district's schema and provider, whose types the mapping follows; null when unknown (the mapping's own types are used).</param>
    /// <param name="firstId">The first district's id, for messages.</param>
    /// <param name="schema">This district's schema.</param>
    /// <param name="provider">This district's provider.</param>
    public static IReadOnlyList<string> Find(
        IEnumerable<EntityMapping> entities, (SourceSchema Schema, string Provider)? first, string firstId, SourceSchema schema, string provider)
    {
        var problems = new List<string>();
        foreach (var e in entities)
        {
            var table = schema.Find(e.Source);
            if (table is null)
            {
                problems.Add($"table {e.Source} is missing");
                continue;
            }

            foreach (var c in e.Columns)
            {
                var column = table.Column(c.Source);
                if (column is null)
                {
                    problems.Add($"column {e.Source}.{c.Source} is missing");
                    continue;
                }

                var mapped = TypeRules.Map(provider, column)?.TargetType;
                if (mapped is null)
                {
                    problems.Add($"column {e.Source}.{c.Source} has type {column.DataType}, which no {provider} type rule maps");
                    continue;
                }

                var reference = first is var (firstSchema, firstProvider) && firstSchema.Find(e.Source)?.Column(c.Source) is { } firstColumn
                    ? TypeRules.Map(firstProvider, firstColumn)?.TargetType ?? c.TargetType
                    : c.TargetType;
                if (!TargetTypeFit.Fits(mapped, reference))
                {
                    problems.Add($"column {e.Source}.{c.Source} maps to {mapped} here, which does not fit {reference} as mapped from district {firstId}");
                }
            }
        }

        return problems;
    }
}
