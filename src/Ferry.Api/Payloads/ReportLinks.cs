using Ferry.Reports.Sinks;

namespace Ferry.Api.Payloads;

/// <summary><c>GET /api/runs/{id}/reports</c>: the run's report files, each with a read-only link that expires.</summary>
public sealed record ReportLinks(string Id, Guid Run, string Location, IReadOnlyList<ReportFile> Files);

/// <summary>
/// <c>GET /api/runs/{id}/history</c>: the activity events of the run's orchestration and its districts' (each
/// activity started, then completed or failed, with attempt, rows, duration and worker), and the run's log (batches
/// committed, operator actions, start and finish), each oldest first.
/// </summary>
public sealed record RunHistory(
    string Id,
    Guid? Run,
    IReadOnlyList<Ferry.Core.Reconciliation.ActivityEvent> Activities,
    IReadOnlyList<Ferry.Core.Reconciliation.AuditEvent> Events);
