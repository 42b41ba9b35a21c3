namespace Ferry.Core.Quarantine;

/// <summary>
/// The policy per problem, from the <c>policies:</c> section. Defaults are the cautious ones: orphans and
/// unconvertible values are rejected, NUL characters stripped (PostgreSQL text cannot hold them), sentinel dates kept.
/// </summary>
public sealed record QuarantinePolicies
{
    /// <summary>A reference whose parent row does not exist: <c>reject</c> or <c>null</c> (null only for nullable references; others are rejected).</summary>
    public ProblemAction Orphan { get; init; } = ProblemAction.Reject;

    /// <summary>A NUL character in text: <c>strip</c> or <c>reject</c>.</summary>
    public ProblemAction Nul { get; init; } = ProblemAction.Strip;

    /// <summary>A value that does not convert to the target type: <c>reject</c> or <c>null</c> (nullable columns only).</summary>
    public ProblemAction BadValue { get; init; } = ProblemAction.Reject;

    /// <summary>A sentinel date such as 1900-01-01 standing for "unknown": <c>keep</c> or <c>null</c>.</summary>
    public ProblemAction SentinelDate { get; init; } = ProblemAction.Keep;

    /// <summary>Dates treated as sentinels when <see cref="SentinelDate"/> is <c>null</c>.</summary>
    public IReadOnlyList<DateOnly> SentinelDates { get; init; } = [new(1900, 1, 1), new(1753, 1, 1), new(9999, 12, 31)];

    public static QuarantinePolicies Default { get; } = new();
}
