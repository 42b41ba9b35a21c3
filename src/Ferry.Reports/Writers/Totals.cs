using Ferry.Core.Reconciliation;

namespace Ferry.Reports.Writers;

/// <summary>The sums over every entity of a report; comparison totals are null in a run's report.</summary>
public sealed record Totals(int Entities, int Passed, long Source, long Target, long Quarantined, long Fixed, long? Missing, long? Extra, long? Changed)
{
    /// <summary>Values the loads stored differently by a documented rule (not differences: verify compares after it).</summary>
    public long ValuesChanged { get; init; }

    public static Totals Of(AuditReport report)
    {
        var e = report.Entities;
        var compared = report.Kind == AuditKind.Verify;
        return new Totals(
            e.Count,
            e.Count(x => x.Passed),
            e.Sum(x => x.Source),
            e.Sum(x => x.Target),
            e.Sum(x => x.Quarantined),
            e.Sum(x => x.Fixed),
            compared ? e.Sum(x => x.Missing ?? 0) : null,
            compared ? e.Sum(x => x.Extra ?? 0) : null,
            compared ? e.Sum(x => x.Changed ?? 0) : null)
        {
            ValuesChanged = e.Sum(x => x.ValuesChanged),
        };
    }
}
