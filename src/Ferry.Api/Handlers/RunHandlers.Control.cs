using Ferry.Api.Auth;
using Ferry.Api.Payloads;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Handlers;

public static partial class RunHandlers
{
    /// <summary><c>POST /api/runs/{id}/terminate?reason=</c>: terminates the run and its district sub-orchestrations; 202.</summary>
    public static Task<IResult> TerminateAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ControlAsync(http, client, id, "terminate", i => !Finished(i) ? null : $"run {id} has already finished ({i.RuntimeStatus})", async reason =>
            await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(reason, Recursive: true), cancellationToken), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/suspend?reason=</c>: suspends a running run; 202.</summary>
    public static Task<IResult> SuspendAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ControlAsync(http, client, id, "suspend", i => i.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending ? null : $"run {id} is {i.RuntimeStatus}, not running", async reason =>
            await client.SuspendInstanceAsync(id, reason, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/resume?reason=</c>: resumes a suspended run; 202.</summary>
    public static Task<IResult> ResumeAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        ControlAsync(http, client, id, "resume", i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended ? null : $"run {id} is {i.RuntimeStatus}, not suspended", async reason =>
            await client.ResumeInstanceAsync(id, reason, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/events/{name}</c>: raises an event with the body (any JSON, or none) as its payload; 202.</summary>
    public static Task<IResult> RaiseEventAsync(HttpContext http, DurableTaskClient client, string id, string name, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (payload, problem) = await RequestBodies.ReadAnyAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            // Authentication first, so an anonymous caller learns nothing about what the body should be.
            var (denied, refusal) = await Access.RequireAsync(http, ApiRoles.Operators);
            return denied is null ? refusal! : problem;
        }

        return await ControlAsync(http, client, id, $"event {name}", i => !Finished(i) ? null : $"run {id} has already finished ({i.RuntimeStatus})", async _ =>
            await client.RaiseEventAsync(id, name, payload, cancellationToken), cancellationToken);
    });

    /// <summary><c>DELETE /api/runs/{id}</c>: purges a finished run's history and its districts'; 200 with the count.</summary>
    public static Task<IResult> PurgeAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        int? purged = null;
        var result = await ControlAsync(http, client, id, "purge", i => Finished(i) ? null : $"run {id} is {i.RuntimeStatus}: terminate it first", async _ =>
            purged = (await client.PurgeInstanceAsync(id, new PurgeInstanceOptions(Recursive: true), cancellationToken)).PurgedInstanceCount, cancellationToken);
        return purged is { } count ? TypedResults.Ok(new PurgedRun(id, count)) : result;
    });

    /// <summary>
    /// The shape of every action on an existing run: operator role, the run exists (404), its state allows the action
    /// (409 naming the state), recorded before and after, carried out, answered 202 pointing at the run's status.
    /// </summary>
    private static Task<IResult> ControlAsync(
        HttpContext http,
        DurableTaskClient client,
        string id,
        string action,
        Func<OrchestrationMetadata, string?> refuse,
        Func<string?, Task> act,
        CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Operators);
        if (caller is null)
        {
            return refusal!;
        }

        if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } instance)
        {
            return NoSuchRun(id);
        }

        var log = http.RequestServices.GetRequiredService<OperatorLog>();
        var districts = ReadInput(instance)?.Districts ?? [];
        var entry = await log.BeginAsync(caller, action, id, districts, cancellationToken);
        if (refuse(instance) is { } why)
        {
            await log.EndAsync(entry, "refused", why);
            return ApiProblems.Conflict(why, id);
        }

        var reason = http.Request.Query["reason"].FirstOrDefault() is { Length: > 0 } given ? $"{given} ({caller.Name})" : $"{action} by {caller.Name}";
        try
        {
            await act(reason);
        }
        catch (Exception e)
        {
            await log.EndAsync(entry, "failed", e.Message.Split('\n')[0]);
            throw;
        }

        await log.EndAsync(entry, "accepted");
        var links = ManagementPayload.For(http.Request, id);
        return TypedResults.Accepted(links.StatusQueryGetUri, links);
    });

    private static bool Finished(OrchestrationMetadata instance) =>
        instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
