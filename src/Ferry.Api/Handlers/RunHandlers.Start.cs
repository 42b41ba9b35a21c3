using Ferry.Api.Auth;
using Ferry.Api.Payloads;
using Ferry.Orchestration;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Handlers;

/// <summary>
/// The run routes, shared by the self-hosted host (minimal API endpoints resolving the client from DI) and the
/// Functions app (HTTP triggers passing the client of <c>[DurableClient]</c>): same checks, same payloads.
/// </summary>
public static partial class RunHandlers
{
    /// <summary><c>POST /api/runs</c>: starts a run orchestration; 202 with the management payload.</summary>
    public static Task<IResult> StartAsync(HttpContext http, DurableTaskClient client, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Operators);
        if (caller is null)
        {
            return refusal!;
        }

        var (body, problem) = await RequestBodies.ReadAsync<StartRunRequest>(http.Request, required: true, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (!RunModes.IsKnown(body.Mode))
        {
            return ApiProblems.BadRequest("mode", $"{(body.Mode is null ? "required" : $"unknown mode '{body.Mode}'")} (one of {string.Join(", ", RunModes.All)})");
        }

        var migration = http.RequestServices.GetRequiredService<ConfiguredMigration>();
        var config = await migration.ConfigAsync(cancellationToken);
        if ((ScopeChecks.CheckDistricts(config, body.Districts) ?? await ScopeChecks.CheckEntitiesAsync(config, http.RequestServices.GetRequiredService<IEntityCatalog>(), body.Entities, cancellationToken)) is { } invalid)
        {
            return invalid;
        }

        if (body.Mode == RunModes.Validate && (body.Districts is { Count: > 0 } || body.Entities is { Count: > 0 }))
        {
            return ApiProblems.BadRequest(body.Districts is { Count: > 0 } ? "districts" : "entities", "mode validate checks the whole configuration: leave it out");
        }

        if (body.Mode == RunModes.Scaffold && body.Districts is { Count: > 1 })
        {
            return ApiProblems.BadRequest("districts[1]", "mode scaffold introspects one district: name at most one (none: the first configured)");
        }

        RollbackInput? rollback = null;
        if (body.Mode == RunModes.Rollback)
        {
            if (body.Rollback?.Run is not { } undo)
            {
                return ApiProblems.BadRequest("rollback.run", "required in mode rollback: the id of the run to undo");
            }

            rollback = new RollbackInput(undo, body.Rollback.Cascade, body.Rollback.DryRun);
        }

        var input = new RunInput { Mode = body.Mode!, Districts = body.Districts, Entities = body.Entities, Rollback = rollback, RequestedBy = caller.Name };
        // Validation reads catalogs only and runs beside anything; scaffolding changes tables every district shares.
        IReadOnlyCollection<string>? leased = body.Mode switch
        {
            RunModes.Validate => [],
            RunModes.Scaffold => config.Districts.Select(d => d.Id).ToList(),
            _ => null,
        };
        return await ScheduleAsync(http, client, caller, $"start {body.Mode}", input, cancellationToken, leased);
    });

    /// <summary>
    /// Records the action, refuses it with 409 when a district of <paramref name="leased"/> (default: the districts in
    /// scope) is held by a live operation, otherwise starts the run under a new id and answers 202 with its management payload.
    /// </summary>
    private static async Task<IResult> ScheduleAsync(
        HttpContext http, DurableTaskClient client, Caller caller, string action, RunInput input, CancellationToken cancellationToken, IReadOnlyCollection<string>? leased = null)
    {
        var migration = http.RequestServices.GetRequiredService<ConfiguredMigration>();
        var log = http.RequestServices.GetRequiredService<OperatorLog>();
        var config = await migration.ConfigAsync(cancellationToken);
        var scope = input.DistrictsOr(config.Districts.Select(d => d.Id));
        var id = InstanceIds.NewRun();
        var entry = await log.BeginAsync(caller, action, id, scope, cancellationToken);
        if (await ScopeChecks.CheckLeasesAsync(migration, leased ?? scope, cancellationToken) is { } conflict)
        {
            await log.EndAsync(entry, "refused", "a district in scope is held by a live operation");
            return conflict;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Run, input, new StartOrchestrationOptions(id), cancellationToken);
        }
        catch (Exception e)
        {
            await log.EndAsync(entry, "failed", e.Message.Split('\n')[0]);
            throw;
        }

        await log.EndAsync(entry, "accepted");
        var payload = ManagementPayload.For(http.Request, id);
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }
}
