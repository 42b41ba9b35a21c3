using Ferry.Core.Reconciliation;
using Ferry.Reports.Sinks;
using Ferry.Reports.Writers;

namespace Ferry.Reports;

/// <summary>
/// Writes every file of one report to a sink under <c>runs/{id}/</c>: the district CSVs, quarantine.csv,
/// log.ndjson and report.json, then summary.html last, so that a summary page present means a complete set.
/// Rewriting a report replaces its files. Storage failures surface as <see cref="ReportStorageException"/>; the
/// data the report describes is never touched.
/// </summary>
public static class ReportPublisher
{
    public static async Task<PublishedReport> PublishAsync(AuditReport report, IAuditDetails details, IReportSink sink, CancellationToken cancellationToken)
    {
        await sink.PrepareAsync(cancellationToken);
        var prefix = ReportLayout.Prefix(report.Id);
        var written = new List<string>();
        async Task WriteAsync(string name, string contentType, Func<Stream, CancellationToken, Task> write)
        {
            await sink.WriteAsync(prefix + name, contentType, write, cancellationToken);
            written.Add(prefix + name);
        }

        foreach (var district in report.Entities.Select(e => e.District).Distinct().Order(StringComparer.Ordinal))
        {
            await WriteAsync(ReportLayout.District(district), "text/csv; charset=utf-8", (s, ct) => DistrictCsv.WriteAsync(report, district, s, ct));
        }

        await WriteAsync(ReportLayout.Quarantine, "text/csv; charset=utf-8", (s, ct) => QuarantineCsv.WriteAsync(details.QuarantineAsync(ct), s, ct));
        await WriteAsync(ReportLayout.Log, "application/x-ndjson", (s, ct) => EventLog.WriteAsync(details.EventsAsync(ct), s, ct));
        await WriteAsync(ReportLayout.Json, "application/json", (s, ct) => JsonReport.WriteAsync(report, s, ct));
        await WriteAsync(ReportLayout.Summary, "text/html; charset=utf-8", (s, ct) => HtmlSummary.WriteAsync(report, s, ct));
        return new PublishedReport(report.Id, prefix, sink.Location, written);
    }
}

/// <summary>What was written where: the files' paths under the sink, the summary page's among them.</summary>
public sealed record PublishedReport(Guid Id, string Prefix, string Location, IReadOnlyList<string> Files)
{
    public string SummaryPath => Prefix + ReportLayout.Summary;
}
