using Microsoft.AspNetCore.Http;

namespace Ferry.Api.Payloads;

/// <summary>
/// What a 202 answers, in the shape of Durable Functions' management payload, every URI pointing at this API's own
/// routes (never the Functions runtime's webhooks, which authorise by system key and do not exist on the self-hosted
/// host), plus the rollback and reports routes. The id is the run id.
/// </summary>
public sealed record ManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string PurgeHistoryDeleteUri,
    string RollbackPostUri,
    string ReportsGetUri)
{
    /// <summary>The payload of run <paramref name="id"/>, absolute URIs on the host the request came to.</summary>
    public static ManagementPayload For(HttpRequest request, string id)
    {
        var run = $"{request.Scheme}://{request.Host}{request.PathBase}/api/runs/{Uri.EscapeDataString(id)}";
        return new ManagementPayload(
            id,
            run,
            $"{run}/events/{{eventName}}",
            $"{run}/terminate?reason={{text}}",
            $"{run}/suspend?reason={{text}}",
            $"{run}/resume?reason={{text}}",
            run,
            $"{run}/rollback",
            $"{run}/reports");
    }
}
