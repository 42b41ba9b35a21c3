namespace Ferry.Core.Abstractions;

/// <summary>What a source's reads can see, from its database settings.</summary>
public enum ReadConsistency
{
    /// <summary>A transaction-wide snapshot: SQL Server with ALLOW_SNAPSHOT_ISOLATION on, or the stand-in.</summary>
    Snapshot,

    /// <summary>Each statement sees one committed state: SQL Server with READ_COMMITTED_SNAPSHOT on.</summary>
    StatementSnapshot,

    /// <summary>
    /// Locking READ COMMITTED: a scan takes and releases row locks as it goes, so a row whose key changes during it
    /// can be read twice or not at all.
    /// </summary>
    Locking,
}
