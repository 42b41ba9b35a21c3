using Ferry.Api.Auth;
using Ferry.Api.Payloads;
using Ferry.Core.Reconciliation;
using Ferry.Orchestration;
using Ferry.Postgres.Control;
using Ferry.Reports;
using Ferry.Reports.Sinks;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Handlers;

public static partial class RunHandlers
{
    private const int DefaultLinkHours = 1;

    private const int DefaultHistoryPage = 500;
    private const int MaxHistoryPage = 1000;

    /// <summary>Entra ID caps a user-delegation key at seven days.</summary>
    private const int MaxLinkHours = 7 * 24;

    /// <summary>
    /// <c>GET /api/runs/{id}/reports?hours=</c>: the files under <c>runs/{run}/</c> with read-only SAS links valid
    /// for <c>hours</c> (1 by default): user-delegation SAS through the host's Entra ID identity in Azure, account SAS
    /// on the emulator.
    /// </summary>
    public static Task<IResult> ReportsAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Readers);
        if (caller is null)
        {
            return refusal!;
        }

        var hours = DefaultLinkHours;
        if (http.Request.Query["hours"] is { Count: > 0 } given && (!int.TryParse(given[0], out hours) || hours is < 1 or > MaxLinkHours))
        {
            return ApiProblems.BadRequest("hours", $"a whole number of hours from 1 to {MaxLinkHours}");
        }

        if (await EngineRunAsync(client, id, cancellationToken) is not { } run)
        {
            return NoSuchRun(id);
        }

        var config = await http.RequestServices.GetRequiredService<ConfiguredMigration>().ConfigAsync(cancellationToken);
        if (ReportSinks.Create(config.Reports, config.File) is not { } sink)
        {
            return ApiProblems.NotFound("reports are not configured: set reports: in the migration configuration");
        }

        var files = await sink.ListAsync(ReportLayout.Prefix(run), TimeSpan.FromHours(hours), cancellationToken);
        return TypedResults.Ok(new ReportLinks(id, run, sink.Location, files));
    });

    /// <summary>
    /// <c>GET /api/runs/{id}/history?pageSize=&amp;continuationToken=</c>: the activity events of the run and of its
    /// districts' sub-orchestrations (from the activity log in the first target database), a page at a time in the order
    /// written, and with the first page the run's log as the toolkit's tables record it.
    /// </summary>
    public static Task<IResult> HistoryAsync(HttpContext http, DurableTaskClient client, string id, CancellationToken cancellationToken) => Failures.GuardAsync(async () =>
    {
        var (caller, refusal) = await Access.RequireAsync(http, ApiRoles.Readers);
        if (caller is null)
        {
            return refusal!;
        }

        var query = http.Request.Query;
        var pageSize = DefaultHistoryPage;
        if (query["pageSize"] is { Count: > 0 } size && (!int.TryParse(size[0], out pageSize) || pageSize is < 1 or > MaxHistoryPage))
        {
            return ApiProblems.BadRequest("pageSize", $"a whole number from 1 to {MaxHistoryPage}");
        }

        var after = 0L;
        var continuing = query["continuationToken"] is { Count: > 0 };
        if (continuing && (!long.TryParse(query["continuationToken"][0], out after) || after < 1))
        {
            return ApiProblems.BadRequest("continuationToken", "not a token this route returned: pass the continuationToken of the previous page as it is");
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var run = await EngineRunAsync(client, id, cancellationToken);
        var migration = http.RequestServices.GetRequiredService<ConfiguredMigration>();
        var targets = await migration.TargetsAsync(cancellationToken);
        var config = await migration.ConfigAsync(cancellationToken);

        // Activities log under the run's instance id and under each district's sub-orchestration.
        var instances = new List<string> { id };
        instances.AddRange((instance is null ? null : ReadInput(instance))?.DistrictsOr(config.Districts.Select(d => d.Id)).Select(d => InstanceIds.District(id, d)) ?? []);
        var (activities, next) = await ActivityEvents.ReadPageAsync(targets[0], instances, after, pageSize, cancellationToken);

        IReadOnlyList<AuditEvent> events = continuing ? []
            : (run is { } engineRun ? (await RunAudit.ReadAsync(targets, engineRun, cancellationToken))?.Events : null)
              ?? (await OperatorActions.OfRunAsync(targets, id, cancellationToken)).Select(RunAudit.EventOf).ToList();
        if (!continuing && instance is null && run is null && activities.Count == 0 && events.Count == 0)
        {
            return NoSuchRun(id);
        }

        return TypedResults.Ok(new RunHistory(id, run, activities, events, next?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    });

    /// <summary>The engine's id of the run: the orchestration's custom status names it; a run without one is its instance id.</summary>
    private static async Task<Guid?> EngineRunAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        var own = Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
        return instance is null ? own : ReadStatus(instance)?.RunId ?? own;
    }
}
