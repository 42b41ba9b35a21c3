using System.Globalization;
using System.Net;
using System.Text;
using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>
/// The page an auditor opens: one self-contained HTML file (inline CSS, no script, no external asset) with the
/// verdict, the totals, every entity of every district with a clear pass or fail, sample differences, the
/// quarantine reasons with counts, and timing and throughput. Every value from data is HTML-encoded.
/// </summary>
public static class HtmlSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task WriteAsync(AuditReport report, Stream output, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(Render(report));
        await output.WriteAsync(bytes, cancellationToken);
    }

    public static string Render(AuditReport report)
    {
        var verify = report.Kind == AuditKind.Verify;
        var totals = Totals.Of(report);
        var title = verify ? "Verification" : "Run";
        var verdict = report.Passed ? "PASS" : "FAIL";
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E($"Ferry {title.ToLowerInvariant()} {report.Id} - {verdict}")).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");

        html.Append("<header class=\"top\">\n<div>\n<div class=\"eyebrow\">Ferry &middot; ").Append(verify ? "verification report" : "run report").Append("</div>\n")
            .Append("<h1>").Append(title).Append(" <span class=\"mono\" id=\"report-id\">").Append(E(report.Id.ToString("D"))).Append("</span></h1>\n")
            .Append("<div class=\"meta\">").Append(E(Describe(report))).Append("</div>\n</div>\n")
            .Append("<div id=\"verdict\" class=\"verdict ").Append(report.Passed ? "pass" : "fail").Append("\">").Append(verdict).Append("</div>\n</header>\n");
        html.Append("<p class=\"lede\" id=\"lede\">").Append(E(Lede(report, totals))).Append("</p>\n");
        if (report.Message is { } message)
        {
            html.Append("<p class=\"message\">").Append(E(message)).Append("</p>\n");
        }

        AppendCards(html, report, totals, verify);
        AppendDistricts(html, report, verify);
        if (verify)
        {
            AppendDifferences(html, report);
        }

        AppendReasons(html, report);
        AppendTiming(html, report);
        html.Append("<footer>\n<p>Files of this report, beside this page: <span class=\"mono\">report.json</span>, <span class=\"mono\">districts/&lt;district&gt;.csv</span>, ")
            .Append("<span class=\"mono\">log.ndjson</span>, <span class=\"mono\">quarantine.csv</span>. ")
            .Append("Download links: <span class=\"mono\">dm reports --config &lt;file&gt; --run ").Append(E(report.Id.ToString("D"))).Append("</span>.</p>\n");
        if (verify)
        {
            html.Append("<p>Checksums: the sum modulo 2<sup>128</sup> of the XXH128 hash of each row's canonical form (the legacy values after the documented ")
                .Append("type mapping, keyed by the legacy key), computed the same way on the source and on the target. Parity: source = target + quarantined, ")
                .Append("nothing missing, extra or changed, and equal checksums.</p>\n");
        }

        html.Append("<p>Generated ").Append(E(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Inv))).Append(".</p>\n</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendCards(StringBuilder html, AuditReport report, Totals totals, bool verify)
    {
        html.Append("<section class=\"cards\" id=\"totals\">\n");
        Card(html, "entities", "Entities", $"{N(totals.Passed)} / {N(totals.Entities)}", verify ? "with parity" : "loaded", totals.Passed == totals.Entities);
        Card(html, "source", "Source rows", N(totals.Source), null, null);
        Card(html, "target", verify ? "Target rows" : "Loaded rows", N(totals.Target), null, null);
        Card(html, "quarantined", "Quarantined", N(totals.Quarantined), verify ? "accounted for" : $"{N(totals.Fixed)} loaded after a fix", null);
        if (verify)
        {
            Card(html, "missing", "Missing", N(totals.Missing ?? 0), null, totals.Missing == 0);
            Card(html, "extra", "Extra", N(totals.Extra ?? 0), null, totals.Extra == 0);
            Card(html, "changed", "Changed", N(totals.Changed ?? 0), null, totals.Changed == 0);
        }

        Card(html, "throughput", "Rows per second", N((long)report.RowsPerSecond), $"{Seconds(report.Elapsed)} elapsed", null);
        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string id, string label, string value, string? note, bool? good)
    {
        var tone = good switch { true => " good", false => " bad", _ => "" };
        html.Append("<div class=\"card").Append(tone).Append("\" id=\"card-").Append(id).Append("\"><div class=\"label\">").Append(E(label))
            .Append("</div><div class=\"value\">").Append(E(value)).Append("</div>");
        if (note is not null)
        {
            html.Append("<div class=\"note\">").Append(E(note)).Append("</div>");
        }

        html.Append("</div>\n");
    }

    private static void AppendDistricts(StringBuilder html, AuditReport report, bool verify)
    {
        html.Append("<section id=\"districts\">\n<h2>Entities by district</h2>\n");
        if (report.Entities.Count == 0)
        {
            html.Append("<p class=\"empty\">No entity was recorded.</p>\n");
        }

        foreach (var district in report.Entities.GroupBy(e => e.District))
        {
            var passed = district.Count(e => e.Passed);
            var all = district.Count();
            html.Append("<div class=\"district\" data-district=\"").Append(E(district.Key)).Append("\">\n<h3>District ").Append(E(district.Key))
                .Append(" <span class=\"badge ").Append(passed == all ? "pass" : "fail").Append("\">").Append(passed).Append(" / ").Append(all)
                .Append(verify ? " with parity" : " loaded").Append("</span></h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Entity</th><th class=\"num\">Source</th><th class=\"num\">Target</th><th class=\"num\">Quarantined</th>");
            html.Append(verify
                ? "<th class=\"num\">Missing</th><th class=\"num\">Extra</th><th class=\"num\">Changed</th><th>Checksum source</th><th>Checksum target</th>"
                : "<th class=\"num\">Fixed</th>");
            html.Append("<th>Status</th></tr></thead>\n<tbody>\n");
            foreach (var e in district)
            {
                var state = e.Passed ? "pass" : "fail";
                html.Append("<tr data-entity=\"").Append(E(e.Entity)).Append("\" data-status=\"").Append(E(e.Status)).Append("\"><td class=\"entity\">").Append(E(e.Entity));
                if (e.Note is { } note)
                {
                    html.Append(" <span class=\"muted\">(").Append(E(note)).Append(")</span>");
                }

                html.Append("</td><td class=\"num\">").Append(N(e.Source)).Append("</td><td class=\"num\">").Append(N(e.Target))
                    .Append("</td><td class=\"num\">").Append(N(e.Quarantined)).Append("</td>");
                if (verify)
                {
                    html.Append(Count(e.Missing)).Append(Count(e.Extra)).Append(Count(e.Changed))
                        .Append(Checksum(e.ChecksumSource, e.ChecksumSource == e.ChecksumTarget)).Append(Checksum(e.ChecksumTarget, e.ChecksumSource == e.ChecksumTarget));
                }
                else
                {
                    html.Append("<td class=\"num\">").Append(N(e.Fixed)).Append("</td>");
                }

                html.Append("<td class=\"status\"><span class=\"badge ").Append(state).Append("\">").Append(E(e.Status)).Append("</span></td></tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendDifferences(StringBuilder html, AuditReport report)
    {
        html.Append("<section id=\"differences\">\n<h2>Sample differences</h2>\n");
        var samples = report.Entities.SelectMany(e => e.Samples.Select(s => (e.District, e.Entity, Sample: s))).ToList();
        if (samples.Count == 0)
        {
            html.Append("<p class=\"empty\">No differences: every row compared equal.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"muted\">Up to the configured number of samples per entity, smallest keys first; the counts above are exact.</p>\n")
            .Append("<div class=\"scroll\"><table>\n<thead><tr><th>District</th><th>Entity</th><th>Difference</th><th>Legacy key</th><th>Columns</th></tr></thead>\n<tbody>\n");
        foreach (var (district, entity, sample) in samples)
        {
            var kind = sample.Kind.ToString().ToLowerInvariant();
            html.Append("<tr class=\"difference\" data-kind=\"").Append(kind).Append("\"><td>").Append(E(district)).Append("</td><td class=\"entity\">").Append(E(entity))
                .Append("</td><td><span class=\"badge fail\">").Append(kind).Append("</span></td><td class=\"mono key\">").Append(E(sample.Key))
                .Append("</td><td class=\"mono\">").Append(E(string.Join(", ", sample.Columns))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void AppendReasons(StringBuilder html, AuditReport report)
    {
        html.Append("<section id=\"quarantine\">\n<h2>Quarantine reasons</h2>\n");
        if (report.Reasons.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing was quarantined or fixed.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"muted\"><em>rejected</em> rows are not in the target and are listed in quarantine.csv with the original row; ")
            .Append("<em>nulled</em> and <em>stripped</em> rows loaded after the recorded fix.</p>\n")
            .Append("<table class=\"narrow\">\n<thead><tr><th>Action</th><th>Reason</th><th class=\"num\">Rows</th></tr></thead>\n<tbody>\n");
        foreach (var r in report.Reasons)
        {
            html.Append("<tr data-reason=\"").Append(E(r.ReasonCode)).Append("\"><td>").Append(E(r.Action)).Append("</td><td class=\"mono\">").Append(E(r.ReasonCode))
                .Append("</td><td class=\"num\">").Append(N(r.Count)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendTiming(StringBuilder html, AuditReport report)
    {
        html.Append("<section id=\"timing\">\n<h2>Timing and throughput</h2>\n<dl>\n");
        Term(html, "Started", Time(report.StartedAt));
        Term(html, "Finished", report.FinishedAt is { } f ? Time(f) : "not finished");
        Term(html, "Elapsed", Seconds(report.Elapsed));
        Term(html, report.Kind == AuditKind.Verify ? "Source rows verified" : "Source rows read", N(report.RowsRead));
        Term(html, "Throughput", $"{N((long)report.RowsPerSecond)} rows/s");
        if (report.Runs.Count > 0)
        {
            Term(html, "Loaded by run(s)", string.Join(", ", report.Runs));
        }

        if (report.Host is { } host)
        {
            Term(html, "Host", host);
        }

        html.Append("</dl>\n</section>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string Describe(AuditReport report) =>
        $"{report.State} · districts {(report.Districts.Count == 0 ? "-" : string.Join(", ", report.Districts))} · {report.Entities.Count} entity results · started {Time(report.StartedAt)}";

    private static string Lede(AuditReport report, Totals totals)
    {
        if (report.Kind == AuditKind.Verify)
        {
            return report.Passed
                ? $"Every legacy row of {N(totals.Entities)} entity results is in the target or accounted for by the quarantine, and the content checksums agree."
                : $"{N(totals.Entities - totals.Passed)} of {N(totals.Entities)} entity results differ: {N(totals.Missing ?? 0)} missing, {N(totals.Extra ?? 0)} extra, {N(totals.Changed ?? 0)} changed.";
        }

        return report.Passed
            ? $"The run completed: {N(totals.Target)} rows loaded, {N(totals.Quarantined)} quarantined. Run dm verify for content checksums."
            : $"The run {(report.State == "running" ? "has not finished" : report.State)}: {N(totals.Entities - totals.Passed)} of {N(totals.Entities)} entity loads are incomplete. Committed batches are kept; running again resumes.";
    }

    private static string Count(long? n) =>
        n is null ? "<td class=\"num\">-</td>" : $"<td class=\"num{(n > 0 ? " bad" : "")}\">{N(n.Value)}</td>";

    private static string Checksum(string? hex, bool equal) => hex is null
        ? "<td>-</td>"
        : $"<td class=\"mono checksum{(equal ? "" : " bad")}\" title=\"{E(hex)}\">{E(hex.Length > 12 ? hex[..12] + "…" : hex)}</td>";

    private static string N(long n) => n.ToString("N0", Inv);

    private static string Seconds(TimeSpan t) => t.TotalSeconds < 120 ? $"{t.TotalSeconds.ToString("0.0", Inv)} s" : $"{t.TotalMinutes.ToString("0.0", Inv)} min";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Inv);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
        main{max-width:1180px;margin:0 auto;padding:32px 24px 48px}
        .top{display:flex;justify-content:space-between;align-items:flex-start;gap:24px;border-bottom:1px solid var(--line);padding-bottom:16px}
        .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);font-weight:600}
        h1{font-size:24px;margin:4px 0}
        h2{font-size:18px;margin:32px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
        h3{font-size:15px;margin:20px 0 8px}
        .meta,.muted{color:var(--muted)}
        .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
        .verdict{font-size:22px;font-weight:700;letter-spacing:.06em;padding:10px 22px;border-radius:8px;border:2px solid}
        .verdict.pass{color:var(--pass);background:var(--pass-bg);border-color:var(--pass)}
        .verdict.fail{color:var(--fail);background:var(--fail-bg);border-color:var(--fail)}
        .lede{font-size:16px;margin:16px 0}
        .message{background:var(--fail-bg);border-left:4px solid var(--fail);padding:8px 12px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(118px,1fr));gap:12px;margin:16px 0}
        .card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--bg)}
        .card .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
        .card .value{font-size:20px;font-weight:600;margin-top:2px}
        .card .note{font-size:12px;color:var(--muted)}
        .card.good{border-color:var(--pass);background:var(--pass-bg)}
        .card.bad{border-color:var(--fail);background:var(--fail-bg)}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;margin:4px 0 8px}
        table.narrow{width:auto;min-width:420px}
        th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;white-space:nowrap}
        th{background:var(--bg);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        tbody tr:nth-child(even){background:#fbfcfd}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        td.bad{color:var(--fail);font-weight:600}
        td.checksum.bad{color:var(--fail)}
        td.key{white-space:normal;word-break:break-all}
        .badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid}
        .badge.pass{color:var(--pass);background:var(--pass-bg);border-color:#aceebb}
        .badge.fail{color:var(--fail);background:var(--fail-bg);border-color:#ffcecb}
        .empty{color:var(--muted);font-style:italic}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
        dt{color:var(--muted)}
        dd{margin:0}
        footer{margin-top:40px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
        @media print{main{max-width:none;padding:0}.scroll{overflow:visible}}
        """;
}
