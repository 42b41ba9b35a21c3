using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>
/// The whole report as one JSON document: the district tables' data, totals, reasons, the quarantine by entity,
/// timing and the sample differences (with values). Its keys are documented by docs/schemas/report.schema.json;
/// <see cref="SchemaVersion"/> changes when a key changes meaning or goes away (new keys do not change it).
/// </summary>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Task WriteAsync(AuditReport report, Stream output, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, Document(report), Options, cancellationToken);

    public static object Document(AuditReport report) => new
    {
        schemaVersion = SchemaVersion,
        kind = report.Kind,
        id = report.Id,
        state = report.State,
        verdict = report.Verdict,
        passed = report.Passed,
        message = report.Message,
        startedAt = report.StartedAt,
        finishedAt = report.FinishedAt,
        elapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 3),
        rowsRead = report.RowsRead,
        rowsPerSecond = Math.Round(report.RowsPerSecond, 1),
        host = report.Host,
        runKind = report.RunKind,
        districts = report.Districts,
        entityScope = report.EntityScope,
        runs = report.Runs,
        verification = report.Verification is { } v ? new { verifyId = v.VerifyId, finishedAt = v.FinishedAt, parity = v.Parity } : null,
        totals = Totals.Of(report),
        reasons = report.Reasons.Select(r => new { action = r.Action, reasonCode = r.ReasonCode, count = r.Count }),
        quarantine = report.Quarantine.Select(q => new { district = q.District, entity = q.Entity, action = q.Action, reasonCode = q.ReasonCode, count = q.Count, example = q.Example }),
        deltas = report.Deltas.Select(d => new
        {
            district = d.District,
            from = d.From,
            to = d.To,
            appliedAt = d.AppliedAt,
            rolledBack = d.RolledBack,
            inserted = d.Inserted,
            updated = d.Updated,
            deleted = d.Deleted,
            quarantined = d.Quarantined,
            resolved = d.Resolved,
            conflicts = d.Conflicts,
            entities = d.Entities.Select(e => new
            {
                entity = e.Entity,
                inserted = e.Inserted,
                updated = e.Updated,
                deleted = e.Deleted,
                quarantined = e.Quarantined,
                resolved = e.Resolved,
                conflictsOpen = e.ConflictsOpen,
                conflictsLegacyWon = e.ConflictsLegacyWon,
            }),
        }),
        changeCapture = report.ChangeCapture.Select(c => new { district = c.District, deltasEnabled = c.DeltasEnabled, startPosition = c.StartPosition }),
        cutOvers = report.CutOvers.Select(c => new { district = c.District, at = c.At, position = c.Position, runId = c.RunId }),
        purges = report.Purges.Select(p => new { district = p.District, at = p.At, before = p.Before, summary = JsonDocument.Parse(p.Summary).RootElement.Clone() }),
        entities = report.Entities.Select(e => new
        {
            district = e.District,
            entity = e.Entity,
            source = e.Source,
            target = e.Target,
            quarantined = e.Quarantined,
            @fixed = e.Fixed,
            missing = e.Missing,
            extra = e.Extra,
            changed = e.Changed,
            valuesChanged = e.ValuesChanged,
            valueChanges = e.ValueChanges.Select(c => new { column = c.Column, rule = c.Rule, count = c.Count }),
            checksumSource = e.ChecksumSource,
            checksumTarget = e.ChecksumTarget,
            status = e.Status,
            elapsedMs = e.ElapsedMs,
            note = e.Note,
            samples = e.Samples.Select(s => new
            {
                kind = s.Kind,
                key = s.Key,
                columns = s.Columns,
                values = s.Values.Select(x => new { column = x.Column, legacy = x.Legacy, target = x.Target, truncated = x.Truncated }),
            }),
        }),
    };
}
