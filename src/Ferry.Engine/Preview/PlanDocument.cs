namespace Ferry.Engine.Preview;

/// <summary>
/// The preview as one JSON document (<c>dm plan --json</c>), keys documented by docs/schemas/plan.schema.json.
/// <see cref="SchemaVersion"/> changes when a key changes meaning or goes away; new keys do not change it.
/// </summary>
public static class PlanDocument
{
    public const int SchemaVersion = 1;

    public static object Of(RunPreview preview) => new
    {
        schemaVersion = SchemaVersion,
        config = preview.Config,
        batchSize = preview.BatchSize,
        parallelism = preview.Parallelism,
        totals = new
        {
            districts = preview.Districts.Count,
            entities = preview.Entities.Count,
            levels = preview.Levels,
            loads = preview.Districts.Sum(d => d.Loads.Count(l => l.Action != LoadAction.Skip)),
            estimatedRows = preview.EstimatedRows,
            batches = preview.Batches,
        },
        entities = preview.Entities.Select(e => new
        {
            entity = e.Entity,
            target = e.Target,
            targetTable = e.TargetTable,
            level = e.Level,
            prerequisites = e.Prerequisites,
        }),
        districts = preview.Districts.Select(d => new
        {
            district = d.District,
            tenant = d.Tenant,
            source = d.Source,
            estimatedRows = d.EstimatedRows,
            batches = d.Batches,
            loads = d.Loads.Select(l => new
            {
                entity = l.Entity,
                action = l.Action.ToString().ToLowerInvariant(),
                estimatedRows = l.EstimatedRows,
                batches = l.Batches,
            }),
        }),
        deferredReferences = preview.DeferredReferences.Select(r => new { entity = r.Entity, columns = r.Columns, parent = r.Parent }),
        notes = preview.Notes,
    };
}
