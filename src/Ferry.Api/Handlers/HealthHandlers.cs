using Ferry.Api.Payloads;
using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Reports.Sinks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ferry.Api.Handlers;

/// <summary>
/// Liveness and readiness, unauthenticated for probes: they say which dependency is unreachable in one line, never a
/// connection string or a password.
/// </summary>
public static class HealthHandlers
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>GET /api/health</c>: the process answers.</summary>
    public static IResult Health() => TypedResults.Ok(new { status = "alive" });

    /// <summary><c>GET /api/ready</c>: the configuration is readable and the target and legacy databases and the report storage answer; 503 with the checks otherwise.</summary>
    public static async Task<IResult> ReadyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var migration = http.RequestServices.GetRequiredService<ConfiguredMigration>();
        MigrationConfig config;
        try
        {
            config = await migration.ConfigAsync(timeout.Token);
        }
        catch (ConfigException e)
        {
            return Unready([new ReadinessCheck("configuration", false, e.Message)]);
        }

        var checks = new List<ReadinessCheck>();
        checks.Add(await CheckAsync("target databases", async () => await migration.TargetsAsync(timeout.Token)));
        foreach (var district in config.Districts)
        {
            checks.Add(await CheckAsync($"district {district.Id}", async () =>
            {
                await using var connection = await SourceAdapters.For(district.Source.Provider).OpenAsync(district.Source.Connection, timeout.Token);
            }));
        }

        if (ReportSinks.Create(config.Reports, config.File) is { } sink)
        {
            checks.Add(await CheckAsync($"reports ({sink.Location})", async () => await sink.PrepareAsync(timeout.Token)));
        }

        return checks.All(c => c.Ready) ? TypedResults.Ok(new Readiness(true, checks)) : Unready(checks);
    }

    private static IResult Unready(IReadOnlyList<ReadinessCheck> checks) =>
        ApiProblems.Unavailable(
            string.Join("; ", checks.Where(c => !c.Ready).Select(c => $"{c.Name}: {c.Detail}")),
            new() { ["checks"] = checks });

    private static async Task<ReadinessCheck> CheckAsync(string name, Func<Task> check)
    {
        try
        {
            await check();
            return new ReadinessCheck(name, true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any failure here means "not ready", and the reason is the answer; the message is the driver's one line.
            return new ReadinessCheck(name, false, Ferry.Engine.Work.MigrationEngine.Describe(e).Split('\n')[0]);
        }
    }
}
