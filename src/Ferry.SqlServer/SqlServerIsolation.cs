using System.Data;
using Ferry.Core.Abstractions;

namespace Ferry.SqlServer;

/// <summary>
/// From the database's row-versioning settings: how consistent its reads are, and the isolation level a read
/// transaction uses. SNAPSHOT when ALLOW_SNAPSHOT_ISOLATION is ON (state 1; 2 and 3 are transitions in which asking
/// for SNAPSHOT fails), READ COMMITTED otherwise, which READ_COMMITTED_SNAPSHOT makes statement-consistent. A read
/// that touches a memory-optimized table uses READ COMMITTED in any case: In-Memory OLTP tables cannot be read in a
/// SNAPSHOT transaction at all (error 41332), and inside an explicit READ COMMITTED one only with the WITH (SNAPSHOT)
/// hint the dialect adds (error 41368 without it).
/// </summary>
internal static class SqlServerIsolation
{
    public static ReadConsistency Consistency(int snapshotIsolationState, bool readCommittedSnapshot) =>
        snapshotIsolationState == 1 ? ReadConsistency.Snapshot
        : readCommittedSnapshot ? ReadConsistency.StatementSnapshot
        : ReadConsistency.Locking;

    public static IsolationLevel Level(int snapshotIsolationState, bool readsMemoryOptimized) =>
        snapshotIsolationState == 1 && !readsMemoryOptimized ? IsolationLevel.Snapshot : IsolationLevel.ReadCommitted;
}
