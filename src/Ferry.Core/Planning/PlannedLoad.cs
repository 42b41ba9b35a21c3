namespace Ferry.Core.Planning;

/// <summary>
/// One (district, entity) load of a district's plan: its target database, how many batches it has and how many are
/// still pending, the rows planned (exact, or the catalog's estimate for a small table loaded in one piece), the
/// entities in scope it waits for, and the bundle it travels in when it is small. <see cref="Loaded"/> when an
/// earlier run finished it.
/// </summary>
public sealed record PlannedLoad(
    string Entity,
    string Target,
    int Batches,
    int PendingBatches,
    long PlannedRows,
    IReadOnlyList<string> Prerequisites,
    int? Bundle = null,
    bool Loaded = false);
