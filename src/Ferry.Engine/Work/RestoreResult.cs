namespace Ferry.Engine.Work;

/// <summary>
/// What restoring one target database's deferred indexes and foreign keys did. <see cref="OthersLoading"/> when
/// another run still holds a live lease there (it restores when it finishes); otherwise the tables indexed, the rows
/// moved to quarantine (duplicated keys, references without a parent), and the foreign keys still waiting for a parent
/// entity to be loaded for every tenant.
/// </summary>
public sealed record RestoreResult(string Target, bool OthersLoading, int IndexedTables, long Moved, IReadOnlyList<string> Waiting);
