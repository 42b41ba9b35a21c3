using Ferry.Core.Reconciliation;
using Ferry.Reports.Writers;

namespace Ferry.Reports.Html;

/// <summary>
/// What the summary page shows, arranged for reading: failures first (districts and entities without parity, or
/// not loaded, ahead of the rest), every internal link's target id decided once, the quarantine in plain words and
/// the rate over time. Built from the report alone; the components only lay it out.
/// </summary>
public sealed class SummaryModel
{
    /// <summary>Slices of the rate-over-time chart.</summary>
    public const int RateSlices = 48;

    private SummaryModel(AuditReport report, DateTimeOffset generated)
    {
        Report = report;
        Generated = generated;
        Totals = Totals.Of(report);
        var anchors = new Anchors();
        Districts = report.Entities
            .GroupBy(e => e.District)
            .Select(g => new DistrictView(
                g.Key,
                anchors.District(g.Key),
                ReportLayout.District(g.Key),
                g.OrderBy(e => e.Passed).Select(e => new EntityView(e, anchors.Entity(e.District, e.Entity), e.Samples.Count > 0 ? anchors.Differences(e.District, e.Entity) : null)).ToList()))
            .OrderBy(d => d.Failed == 0)
            .ToList();
        var entityIds = Districts.SelectMany(d => d.Entities).ToDictionary(e => (e.Entity.District, e.Entity.Entity));
        Quarantine = report.Quarantine
            .Select(q => new QuarantineView(
                q,
                anchors.Quarantine(q.District, q.Entity, q.Action, q.ReasonCode),
                entityIds.TryGetValue((q.District, q.Entity), out var e) ? e.Id : null,
                ReportLayout.District(q.District)))
            .ToList();
        Rate = RateSeries.Of(report.Spans, report.StartedAt, report.FinishedAt ?? report.StartedAt, RateSlices);
    }

    public AuditReport Report { get; }

    public DateTimeOffset Generated { get; }

    public Totals Totals { get; }

    public bool Verify => Report.Kind == AuditKind.Verify;

    public string Title => Verify ? "Verification" : Report.RunKind == "delta" ? "Delta" : "Run";

    public AuditVerdict Verdict => Report.Verdict;

    public string VerdictLabel => Verdict switch
    {
        AuditVerdict.Pass => "PASS",
        AuditVerdict.Fail => "FAIL",
        _ => "NOT VERIFIED",
    };

    /// <summary>The verdict's CSS class: pass and fail in green and red, not verified in neither.</summary>
    public string VerdictClass => Verdict switch
    {
        AuditVerdict.Pass => "pass",
        AuditVerdict.Fail => "fail",
        _ => "unverified",
    };

    /// <summary>Districts with a failing entity first; within each, failing entities first, in the report's order otherwise.</summary>
    public IReadOnlyList<DistrictView> Districts { get; }

    public IEnumerable<EntityView> Failures => Districts.SelectMany(d => d.Entities).Where(e => !e.Entity.Passed);

    public IReadOnlyList<QuarantineView> Quarantine { get; }

    public IReadOnlyList<RateSeries.Slice> Rate { get; }

    public string Lede
    {
        get
        {
            var t = Totals;
            if (Verify)
            {
                return Report.Passed
                    ? $"Every legacy row of {Format.N(t.Entities)} entity results is in the target or accounted for by the quarantine, and the content checksums agree."
                    : $"{Format.N(t.Entities - t.Passed)} of {Format.N(t.Entities)} entity results differ: {Format.N(t.Missing ?? 0)} missing, {Format.N(t.Extra ?? 0)} extra, {Format.N(t.Changed ?? 0)} changed.";
            }

            if (Report.RunKind == "delta")
            {
                var d = Report.Deltas;
                var changes = $"{Format.N(d.Sum(x => x.Inserted))} rows inserted, {Format.N(d.Sum(x => x.Updated))} updated, {Format.N(d.Sum(x => x.Deleted))} deleted, " +
                    $"{Format.N(d.Sum(x => x.Quarantined))} quarantined, {Format.N(d.Sum(x => x.Resolved))} loaded from the quarantine and {Format.N(d.Sum(x => x.Conflicts))} conflict(s) " +
                    $"in {Format.N(d.Count)} of {Format.N(Report.Districts.Count)} district(s).";
                return Report.State == "completed"
                    ? $"The delta completed: {changes} Each district's changes committed with their change position; see Deltas below."
                    : $"The delta {(Report.State == "running" ? "has not finished" : Report.State)}: {changes} What committed stays; the next delta continues from each district's stored position.";
            }

            if (!Report.Passed)
            {
                return $"The run {(Report.State == "running" ? "has not finished" : Report.State)}: {Format.N(t.Entities - t.Passed)} of {Format.N(t.Entities)} entity loads are incomplete. Committed batches are kept; running again resumes.";
            }

            var loaded = $"The run completed: {Format.N(t.Target)} rows loaded, {Format.N(t.Quarantined)} quarantined.";
            return Report.Verification switch
            {
                null => $"{loaded} Not verified: these are the loader's own counts; dm verify compares content and checksums.",
                { Parity: true } v => $"{loaded} Verification {v.VerifyId} found parity for every entity this run loaded.",
                { } v => $"{loaded} Verification {v.VerifyId} found differences in entities this run loaded: see its report.",
            };
        }
    }

    public static SummaryModel Of(AuditReport report, DateTimeOffset generated) => new(report, generated);
}

/// <summary>One district's entities, failing first; <see cref="Csv"/> is its CSV file beside the page.</summary>
public sealed record DistrictView(string Name, string Id, string Csv, IReadOnlyList<EntityView> Entities)
{
    public int Passed => Entities.Count(e => e.Entity.Passed);

    public int Failed => Entities.Count - Passed;

    public long Source => Entities.Sum(e => e.Entity.Source);

    public long Target => Entities.Sum(e => e.Entity.Target);

    public long Quarantined => Entities.Sum(e => e.Entity.Quarantined);
}

/// <summary>An entity line with the id of its row and, when it has sample differences, of its first sample.</summary>
public sealed record EntityView(AuditEntity Entity, string Id, string? DifferencesId);

/// <summary>A quarantine group with the id of its row, its entity's row (when the report lists that entity) and its district's CSV.</summary>
public sealed record QuarantineView(QuarantineGroup Group, string Id, string? EntityId, string DistrictCsv);
