using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>The whole report as one JSON document: the district tables' data, totals, reasons, timing and the sample differences.</summary>
public static class JsonReport
{
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
        kind = report.Kind,
        id = report.Id,
        state = report.State,
        passed = report.Passed,
        message = report.Message,
        startedAt = report.StartedAt,
        finishedAt = report.FinishedAt,
        elapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 3),
        rowsRead = report.RowsRead,
        rowsPerSecond = Math.Round(report.RowsPerSecond, 1),
        host = report.Host,
        districts = report.Districts,
        entityScope = report.EntityScope,
        runs = report.Runs,
        totals = Totals.Of(report),
        reasons = report.Reasons.Select(r => new { action = r.Action, reasonCode = r.ReasonCode, count = r.Count }),
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
            checksumSource = e.ChecksumSource,
            checksumTarget = e.ChecksumTarget,
            status = e.Status,
            elapsedMs = e.ElapsedMs,
            note = e.Note,
            samples = e.Samples.Select(s => new { kind = s.Kind, key = s.Key, columns = s.Columns }),
        }),
    };
}
