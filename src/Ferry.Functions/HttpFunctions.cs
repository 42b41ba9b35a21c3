using Ferry.Api;
using Ferry.Api.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Ferry.Functions;

/// <summary>
/// The HTTP API as Functions: one trigger per route of <see cref="ApiRoutes"/>, each handing the request and the
/// durable client to the shared handler and returning its answer; the OpenAPI document is the self-hosted host's
/// (<see cref="PublishedOpenApi"/>). Anonymous at the Functions level: the handlers
/// validate the Entra ID bearer token and the app role themselves, exactly as on the self-hosted host.
/// </summary>
public static class HttpFunctions
{
    [Function("StartRun")]
    public static Task<IActionResult> StartRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Runs)] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.StartAsync(request.HttpContext, client, cancellationToken));

    [Function("ListRuns")]
    public static Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Runs)] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.ListAsync(request.HttpContext, client, cancellationToken));

    [Function("GetRun")]
    public static Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Run)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.GetAsync(request.HttpContext, client, id, cancellationToken));

    [Function("PurgeRun")]
    public static Task<IActionResult> PurgeRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Run)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.PurgeAsync(request.HttpContext, client, id, cancellationToken));

    [Function("TerminateRun")]
    public static Task<IActionResult> TerminateRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Terminate)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.TerminateAsync(request.HttpContext, client, id, cancellationToken));

    [Function("SuspendRun")]
    public static Task<IActionResult> SuspendRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Suspend)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.SuspendAsync(request.HttpContext, client, id, cancellationToken));

    [Function("ResumeRun")]
    public static Task<IActionResult> ResumeRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Resume)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.ResumeAsync(request.HttpContext, client, id, cancellationToken));

    [Function("RaiseRunEvent")]
    public static Task<IActionResult> RaiseRunEvent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Event)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, string name, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.RaiseEventAsync(request.HttpContext, client, id, name, cancellationToken));

    [Function("RollbackRun")]
    public static Task<IActionResult> RollbackRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Rollback)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.RollbackAsync(request.HttpContext, client, id, cancellationToken));

    [Function("GetRunReports")]
    public static Task<IActionResult> GetRunReports(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Reports)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.ReportsAsync(request.HttpContext, client, id, cancellationToken));

    [Function("GetRunHistory")]
    public static Task<IActionResult> GetRunHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.History)] HttpRequest request, [DurableClient] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ResultAction.Of(RunHandlers.HistoryAsync(request.HttpContext, client, id, cancellationToken));

    [Function("OpenApiDocument")]
    public static IActionResult OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenApi)] HttpRequest request, string documentName) =>
        new ResultAction(PublishedOpenApi.Document(documentName));

    [Function("Health")]
    public static IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request) =>
        new ResultAction(HealthHandlers.Health());

    [Function("Ready")]
    public static Task<IActionResult> Ready([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Ready)] HttpRequest request, CancellationToken cancellationToken) =>
        ResultAction.Of(HealthHandlers.ReadyAsync(request.HttpContext, cancellationToken));
}
