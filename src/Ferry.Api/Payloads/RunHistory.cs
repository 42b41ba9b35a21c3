namespace Ferry.Api.Payloads;

/// <summary>
/// <c>GET /api/runs/{id}/history</c>: the activity events of the run's orchestration and its districts' (each
/// activity started, then completed or failed, with run, district, entity, work item, attempt, rows, duration, worker
/// and the reason of a failure), a page at a time in the order written; <see cref="ContinuationToken"/> fetches the
/// next page (null on the last). The first page also carries the run's log (batches committed, operator actions,
/// start and finish), oldest first; later pages leave it empty.
/// </summary>
public sealed record RunHistory(
    string Id,
    Guid? Run,
    IReadOnlyList<Ferry.Core.Reconciliation.ActivityEvent> Activities,
    IReadOnlyList<Ferry.Core.Reconciliation.AuditEvent> Events,
    string? ContinuationToken = null);
