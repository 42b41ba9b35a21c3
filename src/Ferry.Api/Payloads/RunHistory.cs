namespace Ferry.Api.Payloads;

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
