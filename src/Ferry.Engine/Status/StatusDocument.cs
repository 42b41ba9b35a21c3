using Ferry.Core.Status;

namespace Ferry.Engine.Status;

/// <summary>
/// The status as one JSON document (<c>dm status --json</c>), keys documented by docs/schemas/status.schema.json.
/// <see cref="SchemaVersion"/> changes when a key changes meaning or goes away; new keys do not change it.
/// </summary>
public static class StatusDocument
{
    public const int SchemaVersion = 1;

    /// <summary>The document; <paramref name="deltas"/>, when known, adds each district's delta state.</summary>
    public static object Of(StatusReport report, IReadOnlyList<Deltas.DistrictDeltaStatus>? deltas = null) => new
    {
        schemaVersion = SchemaVersion,
        entities = report.Entities,
        runs = report.Runs,
        verifications = report.Verifications.Select(v => new
        {
            verifyId = v.VerifyId,
            startedAt = v.StartedAt,
            finishedAt = v.FinishedAt,
            districts = v.Districts,
            status = v.Status,
            parity = v.Parity,
            entityResults = v.EntityResults,
            differing = v.Differing,
        }),
        deltas = (deltas ?? []).Select(d => new
        {
            district = d.District,
            position = d.Position,
            appliedAt = d.AppliedAt,
            pending = d.Pending,
            openConflicts = d.OpenConflicts,
            cutOver = d.CutOver is { } c ? new { at = c.At, position = c.Position, runId = c.RunId } : null,
            purges = d.Purges.Select(p => new { at = p.PurgedAt, before = p.Before, summary = System.Text.Json.JsonDocument.Parse(p.Summary).RootElement.Clone() }),
            diffBasedTables = d.DiffBasedTables,
        }),
        deferredForeignKeys = report.DeferredForeignKeys,
        deferredIndexes = report.DeferredIndexes,
    };
}
