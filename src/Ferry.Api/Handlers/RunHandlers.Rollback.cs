using Ferry.Api.Auth;
using Ferry.Api.Payloads;
using Ferry.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Handlers;

public static partial class RunHandlers
{
    /// <summary>
    /// <c>POST /api/runs/{id}/rollback</c> <c>{districts?, cascade?, dryRun?}</c>: starts a rollback run undoing run
    /// <paramref name="id"/> (a run started over HTTP, or by <c>dm run</c>: its id) for the districts given or all of
    /// its districts; 202 with the rollback run's management payload. A run still going is 409: terminate it first.
    /// </summary>
    public static Task<IResult> RollbackAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Operators);
        if (caller is null)
        {
            return refusal!;
        }

        var (body, problem) = await RequestBodies.ReadAsync<RollbackRunRequest>(http.Request, required: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Run is not null)
        {
            return ApiProblems.BadRequest("run", "the run to undo is the one in the path; leave run out");
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var run = instance is null ? (Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null) : ReadStatus(instance)?.RunId ?? (Guid.TryParse(id, out var own) ? own : null);
        if (instance is not null && !Finished(instance))
        {
            return ApiProblems.Conflict($"run {id} is {instance.RuntimeStatus}: terminate it before rolling it back", id);
        }

        if (run is not { } undo)
        {
            return NoSuchRun(id);
        }

        var config = await http.RequestServices.GetRequiredService<ConfiguredMigration>().ConfigAsync(cancellationToken);
        if (RunScope.CheckDistricts(config, body?.Districts) is { } invalid)
        {
            return invalid;
        }

        var districts = body?.Districts is { Count: > 0 } chosen ? chosen : instance is null ? null : ReadInput(instance)?.Districts;
        var input = new RunInput
        {
            Mode = RunModes.Rollback,
            Districts = districts,
            Rollback = new RollbackInput(undo, body?.Cascade ?? false, body?.DryRun ?? false),
            RequestedBy = caller.Name,
        };
        return await ScheduleAsync(http, client, caller, $"rollback {undo:D}{(input.Rollback.DryRun ? " (dry run)" : "")}", input, cancellationToken);
    });
}
