using CsvHelper;
using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>
/// One district's entities as CSV (RFC 4180, UTF-8): entity, source, target, quarantined, missing, extra,
/// changed, checksum_source, checksum_target, status. Comparison columns are empty in a run's report.
/// </summary>
public static class DistrictCsv
{
    public static async Task WriteAsync(AuditReport report, string district, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Csv.Options, leaveOpen: true);
        await csv.WriteRecordsAsync(
            report.Entities.Where(e => e.District == district).Select(e => new DistrictLine
            {
                Entity = e.Entity,
                Source = e.Source,
                Target = e.Target,
                Quarantined = e.Quarantined,
                Missing = e.Missing,
                Extra = e.Extra,
                Changed = e.Changed,
                ChecksumSource = e.ChecksumSource,
                ChecksumTarget = e.ChecksumTarget,
                Status = e.Status,
            }),
            cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}

[CsvRecord]
public sealed partial class DistrictLine
{
    [CsvColumn("entity")]
    public string Entity { get; set; } = "";

    [CsvColumn("source")]
    public long Source { get; set; }

    [CsvColumn("target")]
    public long Target { get; set; }

    [CsvColumn("quarantined")]
    public long Quarantined { get; set; }

    [CsvColumn("missing")]
    public long? Missing { get; set; }

    [CsvColumn("extra")]
    public long? Extra { get; set; }

    [CsvColumn("changed")]
    public long? Changed { get; set; }

    [CsvColumn("checksum_source")]
    public string? ChecksumSource { get; set; }

    [CsvColumn("checksum_target")]
    public string? ChecksumTarget { get; set; }

    [CsvColumn("status")]
    public string Status { get; set; } = "";
}
