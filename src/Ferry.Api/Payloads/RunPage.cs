namespace Ferry.Api.Payloads;

/// <summary>A page of <c>GET /api/runs</c>; pass <see cref="ContinuationToken"/> back for the next (null: the last page).</summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Runs, string? ContinuationToken);
