namespace Ferry.Api.Payloads;

/// <summary>One run in <c>GET /api/runs</c>: its id, the orchestration's runtime status, its mode and districts, when it was created and last changed.</summary>
public sealed record RunSummary(string Id, string RuntimeStatus, string? Mode, IReadOnlyList<string>? Districts, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);

/// <summary>A page of <c>GET /api/runs</c>; pass <see cref="ContinuationToken"/> back for the next (null: the last page).</summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Runs, string? ContinuationToken);
