namespace Ferry.Core.Reconciliation;

/// <summary>
/// Values of one column that the target stores differently from the legacy database, by a documented rule (today one:
/// <see cref="SubMicrosecondTruncated"/>), counted by the load that wrote them. They are not differences: verify
/// compares after the rule, so these rows have parity; the count says how many values the rule touched.
/// </summary>
public sealed record ValueChange(string Column, string Rule, long Count)
{
    /// <summary>Digits below a microsecond dropped (datetime2(7), time(7), datetimeoffset(7)), never rounded.</summary>
    public const string SubMicrosecondTruncated = "sub_microsecond_truncated";

    /// <summary>The rule in words, for people reading a report or a command's output.</summary>
    public static string Describe(string rule) => rule switch
    {
        SubMicrosecondTruncated => "digits below a microsecond truncated",
        _ => rule,
    };

    /// <summary>One line per column, e.g. <c>exit_date 12 (digits below a microsecond truncated)</c>.</summary>
    public static string Summary(IEnumerable<ValueChange> changes) =>
        string.Join(", ", changes.Select(c => $"{c.Column} {c.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ({Describe(c.Rule)})"));
}
