namespace Ferry.Core.Reconciliation;

/// <summary>How many quarantine records have one action (rejected, nulled, stripped) and reason code.</summary>
public sealed record AuditReason(string Action, string ReasonCode, long Count)
{
    /// <summary>The groups summed over districts and entities, largest first, then by action and reason code.</summary>
    public static IReadOnlyList<AuditReason> Of(IEnumerable<QuarantineGroup> groups) =>
        groups
            .GroupBy(g => (g.Action, g.ReasonCode))
            .Select(g => new AuditReason(g.Key.Action, g.Key.ReasonCode, g.Sum(x => x.Count)))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Action, StringComparer.Ordinal)
            .ThenBy(r => r.ReasonCode, StringComparer.Ordinal)
            .ToList();
}
