namespace Ferry.Engine.Preview;

/// <summary>
/// What a run of a scope would do, worked out from the catalogs without reading a row and without writing anything:
/// the entities in load order with their dependency level, and per district each load with the rows its source's
/// catalog estimates and the batches they make. Estimates come from statistics (SQL Server's sys.partitions, the
/// stand-in's reltuples): a table never analyzed shows 0; the run itself counts exactly.
/// </summary>
/// <param name="Entities">Every entity in scope, in load order.</param>
/// <param name="Districts">Every district in scope, in configuration order.</param>
/// <param name="DeferredReferences">References left out of the order to break self-references and cycles: they load in the same pass and are checked when the load ends.</param>
/// <param name="Notes">What the preview could not know (a target that could not be read).</param>
public sealed record RunPreview(
    string Config,
    int BatchSize,
    int Parallelism,
    IReadOnlyList<EntityStep> Entities,
    IReadOnlyList<DistrictPreview> Districts,
    IReadOnlyList<DeferredReference> DeferredReferences,
    IReadOnlyList<string> Notes)
{
    /// <summary>Dependency levels: entities of one level wait for nothing of the same or a later level.</summary>
    public int Levels => Entities.Count == 0 ? 0 : Entities.Max(e => e.Level) + 1;

    /// <summary>Rows the loads still to do would read, estimated.</summary>
    public long EstimatedRows => Districts.Sum(d => d.EstimatedRows);

    public int Batches => Districts.Sum(d => d.Batches);
}

/// <summary>One entity in load order: where it goes, its level (0 when it waits for no entity in scope) and the entities it waits for.</summary>
public sealed record EntityStep(string Entity, string Target, string TargetTable, int Level, IReadOnlyList<string> Prerequisites);

/// <summary>One district's loads, in load order.</summary>
public sealed record DistrictPreview(string District, Guid Tenant, string Source, IReadOnlyList<LoadPreview> Loads)
{
    public long EstimatedRows => Loads.Where(l => l.Action != LoadAction.Skip).Sum(l => l.EstimatedRows);

    public int Batches => Loads.Sum(l => l.Batches);
}

/// <summary>
/// One (district, entity) load: what the run would do with it, the rows the catalog estimates and the batches to run
/// (for a load an earlier run planned, the batches it left pending; none for a load already done).
/// </summary>
public sealed record LoadPreview(string Entity, LoadAction Action, long EstimatedRows, int Batches);

/// <summary>What a run does with a load.</summary>
public enum LoadAction
{
    /// <summary>Plan it and run every batch.</summary>
    Load,

    /// <summary>An earlier run planned it: run its pending batches.</summary>
    Resume,

    /// <summary>An earlier run loaded it: nothing to do.</summary>
    Skip,
}

/// <summary>A reference outside the load order: <see cref="Entity"/>'s columns point at <see cref="Parent"/>.</summary>
public sealed record DeferredReference(string Entity, IReadOnlyList<string> Columns, string Parent);
