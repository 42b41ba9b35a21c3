namespace Ferry.Core.Deltas;

/// <summary>How a delta finds what changed in one legacy table.</summary>
public enum DeltaMethod
{
    /// <summary>The source's change capture names the changed keys (SQL Server Change Tracking, the stand-in's change log).</summary>
    ChangeCapture,

    /// <summary>
    /// The table is compared with the target bucket by bucket, as verify compares them, and the rows of the buckets
    /// that differ are synced again: the table's changes cannot be followed by key.
    /// </summary>
    Diff,
}

/// <summary>Which delta method a table gets.</summary>
public static class DeltaMethods
{
    /// <summary>
    /// Change capture only when the table's primary key is exactly the entity's key: SQL Server Change Tracking
    /// requires a primary key and reports changes by its columns only, so a table without one (keyed through
    /// <c>keys:</c>), or keyed through <c>keys:</c> on other columns than its primary key, is diffed instead. The
    /// stand-in follows the same rule, so both dialects delta the same tables the same way.
    /// </summary>
    public static DeltaMethod Of(IReadOnlyList<string> entityKey, IReadOnlyList<string>? primaryKey)
    {
        if (primaryKey is not { Count: > 0 } || primaryKey.Count != entityKey.Count)
        {
            return DeltaMethod.Diff;
        }

        // Column order does not matter: the key identifies the same rows whichever order its columns are listed in.
        var key = new HashSet<string>(entityKey, StringComparer.OrdinalIgnoreCase);
        return primaryKey.All(key.Contains) ? DeltaMethod.ChangeCapture : DeltaMethod.Diff;
    }
}
