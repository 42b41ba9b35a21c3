using Ferry.Reports.Sinks;

namespace Ferry.Api.Payloads;

/// <summary><c>GET /api/runs/{id}/reports</c>: the run's report files, each with a read-only link that expires.</summary>
public sealed record ReportLinks(string Id, Guid Run, string Location, IReadOnlyList<ReportFile> Files);
