using Ferry.Api.Handlers;
using Ferry.Api.Payloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Ferry.Api;

public static class FerryApiEndpoints
{
    /// <summary>
    /// Maps <see cref="ApiRoutes.All"/> onto the shared handlers with the <c>DurableTaskClient</c> from DI, and the
    /// OpenAPI document at <see cref="ApiRoutes.OpenApi"/>. Authorization happens in each handler (see
    /// <see cref="Auth.Access"/>), so no endpoint depends on the host's middleware order.
    /// </summary>
    public static IEndpointRouteBuilder MapFerryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/" + ApiRoutes.OpenApi);
        var api = endpoints.MapGroup("/").WithTags("runs");

        api.MapPost(ApiRoutes.Runs, (HttpContext http, [FromServices] DurableTaskClient client, CancellationToken ct) => RunHandlers.StartAsync(http, client, ct))
            .Accepts<StartRunRequest>("application/json")
            .WithName("StartRun").WithSummary("Start a run (mode full, delta, verify, rollback, scaffold or validate); 202 with the management payload")
            .Produces<ManagementPayload>(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409);
        api.MapGet(ApiRoutes.Runs, (HttpContext http, [FromServices] DurableTaskClient client, CancellationToken ct) => RunHandlers.ListAsync(http, client, ct))
            .WithName("ListRuns").WithSummary("Runs, a page at a time (?state=Running,Failed&pageSize=20&continuationToken=)")
            .Produces<RunPage>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        api.MapGet(ApiRoutes.Run, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.GetAsync(http, client, id, ct))
            .WithName("GetRun").WithSummary("A run's status, per-district summary, per-entity progress, output and failure reason")
            .Produces<RunDetails>().ProducesProblem(404);
        api.MapDelete(ApiRoutes.Run, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.PurgeAsync(http, client, id, ct))
            .WithName("PurgeRun").WithSummary("Purge a finished run's orchestration history").Produces<PurgedRun>().ProducesProblem(404).ProducesProblem(409);
        api.MapPost(ApiRoutes.Terminate, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.TerminateAsync(http, client, id, ct))
            .WithName("TerminateRun").WithSummary("Terminate a run and its districts (?reason=)").Produces<ManagementPayload>(202).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(ApiRoutes.Suspend, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.SuspendAsync(http, client, id, ct))
            .WithName("SuspendRun").WithSummary("Suspend a running run (?reason=)").Produces<ManagementPayload>(202).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(ApiRoutes.Resume, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.ResumeAsync(http, client, id, ct))
            .WithName("ResumeRun").WithSummary("Resume a suspended run (?reason=)").Produces<ManagementPayload>(202).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(ApiRoutes.Event, (HttpContext http, [FromServices] DurableTaskClient client, string id, string name, CancellationToken ct) => RunHandlers.RaiseEventAsync(http, client, id, name, ct))
            .WithName("RaiseRunEvent").WithSummary("Raise an event on a run; the body (any JSON) is its payload").Produces<ManagementPayload>(202).ProducesProblem(404).ProducesProblem(409);
        api.MapPost(ApiRoutes.Rollback, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.RollbackAsync(http, client, id, ct))
            .Accepts<RollbackRunRequest>(isOptional: true, "application/json")
            .WithName("RollbackRun").WithSummary("Roll a finished run back for some or all of its districts").Produces<ManagementPayload>(202).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapGet(ApiRoutes.Reports, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.ReportsAsync(http, client, id, ct))
            .WithName("GetRunReports").WithSummary("The run's report files with read-only SAS links (?hours=1)").Produces<ReportLinks>().ProducesProblem(404);
        api.MapGet(ApiRoutes.History, (HttpContext http, [FromServices] DurableTaskClient client, string id, CancellationToken ct) => RunHandlers.HistoryAsync(http, client, id, ct))
            .WithName("GetRunHistory").WithSummary("The run's activity events, a page at a time (?pageSize=500&continuationToken=), and its log: work items committed, operator actions").Produces<RunHistory>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet(ApiRoutes.Health, HealthHandlers.Health).WithName("Health").WithSummary("Liveness").WithTags("health");
        api.MapGet(ApiRoutes.Ready, (HttpContext http, CancellationToken ct) => HealthHandlers.ReadyAsync(http, ct))
            .WithName("Ready").WithSummary("Readiness: configuration, target and legacy databases, report storage").WithTags("health")
            .Produces<Readiness>().ProducesProblem(503);
        return endpoints;
    }
}
