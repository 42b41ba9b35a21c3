using Ferry.Core.Configuration;
using Ferry.Core.Planning;

namespace Ferry.Core.Rollback;

/// <summary>
/// The steps that undo runs for one tenant, in the order that keeps every foreign key satisfied after each step:
/// detach the references that form cycles (on the rows about to go), delete children before parents, restore
/// before-images parents first (cycle references left out), reattach those references, then remove the bookkeeping.
/// Pure: the order comes from <see cref="DependencyGraph"/> over the entities involved, ranges from <see cref="UuidRange"/>.
/// </summary>
public static class RollbackSequence
{
    /// <summary>
    /// The steps for <paramref name="undo"/>, numbered from <paramref name="firstStepNo"/>. Throws
    /// <see cref="ConfigException"/> for a cycle of NOT NULL references between two tables: no order of batched deletes
    /// (or inserts) satisfies it while its foreign keys stay in place.
    /// </summary>
    public static IReadOnlyList<RollbackStep> Build(TenantUndo undo, Guid operationId, int firstStepNo, int rowsPerStep, bool keepImages = false)
    {
        var steps = new List<RollbackStep>();
        var byName = undo.Entities.ToDictionary(e => e.Mapping.Source);
        RollbackStep Step(EntityUndo e, RollbackStepKind kind, UuidRange range, IReadOnlyList<string>? columns = null, IReadOnlyList<string>? self = null) => new()
        {
            OperationId = operationId,
            StepNo = firstStepNo + steps.Count,
            Target = undo.Target,
            District = undo.District,
            Tenant = undo.Tenant,
            Kind = kind,
            Entity = e.Mapping.Name,
            Schema = e.Mapping.TargetSchema,
            Table = e.Mapping.TargetTable,
            Columns = columns ?? [],
            SelfColumns = self ?? [],
            Runs = undo.Runs,
            RestoreFrom = e.RestoreFrom,
            Owned = e.Owned,
            KeepImages = keepImages,
            Range = range,
        };

        var deleted = undo.Entities.Where(e => e.Deletes).ToList();
        var start = steps.Count;
        var deleteOrder = DependencyGraph.Order(deleted.Select(e => e.Mapping).ToList());
        var detach = CycleColumns(deleteOrder, undo.District, "deleted");
        var deleteRanges = deleted.ToDictionary(e => e.Mapping.Source, e => Ranges(e, e.RowsToDelete, rowsPerStep));
        foreach (var (child, (nulled, self)) in detach)
        {
            foreach (var range in deleteRanges[child])
            {
                steps.Add(Step(byName[child], RollbackStepKind.Detach, range, nulled, self));
            }
        }

        foreach (var e in deleteOrder.Reversed)
        {
            foreach (var range in deleteRanges[e.Source])
            {
                steps.Add(Step(byName[e.Source], RollbackStepKind.Delete, range));
            }
        }

        var deletes = steps.Count - start;
        var restored = undo.Entities.Where(e => e.RowsToRestore > 0).ToList();
        var restoreOrder = DependencyGraph.Order(restored.Select(e => e.Mapping).ToList());
        var reattach = CycleColumns(restoreOrder, undo.District, "restored");
        var restoreRanges = restored.ToDictionary(e => e.Mapping.Source, e => Ranges(e, e.RowsToRestore, rowsPerStep));
        foreach (var e in restoreOrder.Ordered)
        {
            var (nulled, self) = reattach.GetValueOrDefault(e.Source, ([], []));
            foreach (var range in restoreRanges[e.Source])
            {
                steps.Add(Step(byName[e.Source], RollbackStepKind.Restore, range, nulled, self));
            }
        }

        foreach (var (child, (nulled, self)) in reattach)
        {
            foreach (var range in restoreRanges[child])
            {
                steps.Add(Step(byName[child], RollbackStepKind.Reattach, range, nulled, self));
            }
        }

        // Undoing only deltas (no entity's load among the runs), rows a delta updated may reference rows it inserted:
        // they return to their images first (their old references name rows that existed before the deltas, put back
        // here parents first), and only then do the inserted rows go, children first.
        if (deletes > 0 && undo.Entities.All(e => !e.Owned))
        {
            var deleteSteps = steps.GetRange(start, deletes);
            steps.RemoveRange(start, deletes);
            steps.AddRange(deleteSteps);
            for (var i = start; i < steps.Count; i++)
            {
                steps[i] = steps[i] with { StepNo = firstStepNo + i };
            }
        }

        foreach (var e in undo.Entities.Where(e => e.Bookkeeping || e.Deletes || e.RowsToRestore > 0).OrderBy(e => e.Mapping.Source))
        {
            steps.Add(Step(e, RollbackStepKind.Bookkeeping, UuidRange.All));
        }

        return steps;
    }

    private static IReadOnlyList<UuidRange> Ranges(EntityUndo e, long rows, int rowsPerStep) =>
        e.Chunked ? UuidRange.For(rows, rowsPerStep) : [UuidRange.All];

    /// <summary>
    /// Per child entity, the references the order had to break (self-references and one edge per cycle) that a foreign
    /// key enforces: nullable ones are NULLed, NOT NULL self-references point at the row itself.
    /// </summary>
    private static SortedDictionary<Core.Model.TableName, (IReadOnlyList<string> Nulled, IReadOnlyList<string> Self)> CycleColumns(LoadOrder order, string district, string what)
    {
        var result = new SortedDictionary<Core.Model.TableName, (IReadOnlyList<string>, IReadOnlyList<string>)>();
        foreach (var group in order.BrokenEdges.Where(b => b.Reference.Constraint is not null).GroupBy(b => b.Child))
        {
            var nulled = new List<string>();
            var self = new List<string>();
            foreach (var (child, reference) in group)
            {
                if (reference.Nullable)
                {
                    nulled.Add(reference.TargetColumn);
                }
                else if (reference.Parent.Equals(child))
                {
                    self.Add(reference.TargetColumn);
                }
                else
                {
                    throw new ConfigException(
                        $"district {district}: {child} and {reference.Parent} reference each other through NOT NULL columns ({reference.TargetColumn} among them): " +
                        $"their rows cannot be {what} in batches while the foreign keys stay in place");
                }
            }

            result[group.Key] = (nulled.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), self.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
        }

        return result;
    }
}
