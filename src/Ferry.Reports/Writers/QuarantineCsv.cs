using CsvHelper;
using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>The quarantine as CSV, streamed: one line per record, the original source row as JSON in the last column.</summary>
public static class QuarantineCsv
{
    public static async Task WriteAsync(IAsyncEnumerable<QuarantineRecord> records, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Csv.Options, leaveOpen: true);
        csv.WriteHeader<QuarantineLine>();
        await csv.WriteRecordsAsync(
            records.Select(q => new QuarantineLine
            {
                QuarantineId = q.QuarantineId,
                At = q.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                RunId = q.RunId.ToString("D"),
                District = q.District,
                Entity = q.Entity,
                Batch = q.Batch,
                LegacyKey = q.LegacyKey,
                Id = q.Id?.ToString("D"),
                Action = q.Action,
                ReasonCode = q.ReasonCode,
                Column = q.Column,
                Reason = q.Reason,
                Row = q.Row,
            }),
            cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}

[CsvRecord]
public sealed partial class QuarantineLine
{
    [CsvColumn("quarantine_id")]
    public long QuarantineId { get; set; }

    [CsvColumn("at")]
    public string At { get; set; } = "";

    [CsvColumn("run_id")]
    public string RunId { get; set; } = "";

    [CsvColumn("district")]
    public string District { get; set; } = "";

    [CsvColumn("entity")]
    public string Entity { get; set; } = "";

    [CsvColumn("batch")]
    public int? Batch { get; set; }

    [CsvColumn("legacy_key")]
    public string? LegacyKey { get; set; }

    [CsvColumn("id")]
    public string? Id { get; set; }

    [CsvColumn("action")]
    public string Action { get; set; } = "";

    [CsvColumn("reason_code")]
    public string ReasonCode { get; set; } = "";

    [CsvColumn("column")]
    public string? Column { get; set; }

    [CsvColumn("reason")]
    public string Reason { get; set; } = "";

    [CsvColumn("row")]
    public string Row { get; set; } = "";
}
