using Ferry.Core.Model;

namespace Ferry.Engine.Validation;

/// <summary>
/// What stands between a district and deltas: Change Tracking off on its database (no change position), or on but not
/// following some tables in scope. Pure: the source's answers in, problem lines out.
/// </summary>
internal static class ChangeTrackingCheck
{
    /// <param name="district">The district id.</param>
    /// <param name="database">The database name, for the message.</param>
    /// <param name="changePosition">The source's change position now; null when it has no change tracking.</param>
    /// <param name="untracked">Tables in scope the change tracking does not follow.</param>
    public static IReadOnlyList<string> Problems(string district, string? database, string? changePosition, IReadOnlyList<TableName> untracked)
    {
        if (changePosition is null)
        {
            return [$"district {district}: Change Tracking is off on database {database}: a delta could not follow the load; " +
                "turn it on (ALTER DATABASE ... SET CHANGE_TRACKING = ON) and enable it on each table in scope (ALTER TABLE ... ENABLE CHANGE_TRACKING)"];
        }

        if (untracked.Count == 0)
        {
            return [];
        }

        var names = untracked.Select(t => t.ToString()).ToList();
        return [$"district {district}: Change Tracking does not follow {names.Count} table(s) in scope: {string.Join(", ", names.Take(5))}{(names.Count > 5 ? $" and {names.Count - 5} more" : "")}; " +
            "a delta would miss their changes (ALTER TABLE ... ENABLE CHANGE_TRACKING)"];
    }
}
