using System.Text.Json;
using Ferry.Api.Auth;
using Ferry.Api.Payloads;
using Ferry.Core.Configuration;
using Ferry.Orchestration;
using Ferry.Orchestration.Status;
using Ferry.Postgres.Control;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ferry.Api.Handlers;

public static partial class RunHandlers
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    /// <summary><c>GET /api/runs?state=&amp;pageSize=&amp;continuationToken=</c>: runs, newest pages first as the store returns them.</summary>
    public static Task<IResult> ListAsync(HttpContext http, DurableTaskClient client, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Readers);
        if (caller is null)
        {
            return refusal!;
        }

        var query = http.Request.Query;
        List<OrchestrationRuntimeStatus>? states = null;
        foreach (var state in query["state"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return ApiProblems.BadRequest("state", $"unknown state '{state}' (one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())})");
            }

            (states ??= []).Add(parsed);
        }

        var pageSize = DefaultPageSize;
        if (query["pageSize"] is { Count: > 0 } size && (!int.TryParse(size[0], out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return ApiProblems.BadRequest("pageSize", $"a whole number from 1 to {MaxPageSize}");
        }

        var token = query["continuationToken"].FirstOrDefault();
        var request = new OrchestrationQuery { Statuses = states, PageSize = pageSize, ContinuationToken = token, FetchInputsAndOutputs = true };
        await foreach (var page in client.GetAllInstancesAsync(request).AsPages(token, pageSize).WithCancellation(cancellationToken))
        {
            var runs = page.Values
                .Where(i => i.Name == OrchestrationNames.Run)
                .Select(i =>
                {
                    var input = ReadInput(i);
                    return new RunSummary(i.InstanceId, i.RuntimeStatus.ToString(), input?.Mode, input?.Districts, i.CreatedAt, i.LastUpdatedAt);
                })
                .ToList();
            return TypedResults.Ok(new RunPage(runs, page.ContinuationToken));
        }

        return TypedResults.Ok(new RunPage([], null));
    });

    /// <summary><c>GET /api/runs/{id}</c>: status, custom status, per-entity progress, output and failure reason.</summary>
    public static Task<IResult> GetAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Readers);
        if (caller is null)
        {
            return refusal!;
        }

        if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } instance)
        {
            return NoSuchRun(id);
        }

        var input = ReadInput(instance);
        var status = ReadStatus(instance);
        var details = new RunDetails
        {
            Id = instance.InstanceId,
            RuntimeStatus = instance.RuntimeStatus.ToString(),
            CreatedAt = instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
            Input = input,
            CustomStatus = status,
            Output = ReadOutput(instance),
            Failure = instance.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null,
            Links = ManagementPayload.For(http.Request, instance.InstanceId),
        };

        var migration = http.RequestServices.GetRequiredService<ConfiguredMigration>();
        var engineRun = status?.RunId ?? (Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null);
        try
        {
            var targets = await migration.TargetsAsync(cancellationToken);
            var config = await migration.ConfigAsync(cancellationToken);
            var scope = input?.DistrictsOr(config.Districts.Select(d => d.Id)) ?? [];
            var report = await StatusReads.ReadAsync(targets, scope.ToList(), cancellationToken);
            var progress = engineRun is { } run ? report.Entities.Where(e => e.RunId == run).ToList() : [];
            var commits = new List<BatchCommits>();
            foreach (var target in engineRun is null ? [] : targets)
            {
                if (await BatchCommits.ReadAsync(target, engineRun!.Value, OverallProgress.Window, cancellationToken) is { } recorded)
                {
                    commits.Add(recorded);
                }
            }

            details = details with
            {
                Progress = progress,
                Overall = engineRun is null ? null : OverallProgress.From(progress, scope.ToList(), commits),
                OperatorActions = await http.RequestServices.GetRequiredService<OperatorLog>().OfRunAsync(id, cancellationToken),
            };
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ConfigException)
        {
            // The orchestration's own status is still worth answering with; the progress says why it is missing.
            details = details with { ProgressError = Ferry.Engine.Work.MigrationEngine.Describe(e) };
        }

        return TypedResults.Ok(details);
    });

    private static IResult NoSuchRun(string id) => ApiProblems.NotFound($"no run {id} (purged, or never started on this task hub)");

    private static RunInput? ReadInput(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadInputAs<RunInput>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RunStatus? ReadStatus(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadCustomStatusAs<RunStatus>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? ReadOutput(OrchestrationMetadata instance)
    {
        try
        {
            return instance.SerializedOutput is null ? null : instance.ReadOutputAs<JsonElement>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
