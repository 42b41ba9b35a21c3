using System.Text.Json;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;
using Ferry.Orchestration;
using Microsoft.DurableTask.Client;

namespace Ferry.Api.Tests;

/// <summary>
/// The whole run's progress in <c>GET /api/runs/{id}</c>, from the batches the target records: rows/s over the last
/// 10 seconds of commits, and an ETA only once every district in scope is planned.
/// </summary>
public sealed class RunProgressTests : IClassFixture<ApiDatabase>
{
    private static readonly string Auditor = ApiHost.Token(ApiRoles.Auditor);

    private readonly ApiDatabase _database;

    public RunProgressTests(ApiDatabase database) => _database = database;

    /// <summary>
    /// A run that started a minute ago: 10,000 rows committed 50 s ago, then 1,000 rows 8, 5 and 2 s ago, 7,000 rows
    /// still pending. The window says 300 rows/s; the average since the start would say 217.
    /// </summary>
    private async Task<(ApiHost Host, string Id)> RunAsync(string entity, params string[] districts)
    {
        var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        var run = Guid.NewGuid();
        var tenant = Guid.NewGuid();
        host.Client.Has(Instances.Run(run.ToString("D"), OrchestrationRuntimeStatus.Running, new RunInput { Mode = RunModes.Full, Districts = districts }));
        await _database.ExecuteAsync("INSERT INTO ferry.run (run_id, state, districts, entities, started_at) VALUES ($1, 'running', $2, ARRAY[$3], now() - interval '60 seconds')", run, districts, entity);
        await _database.ExecuteAsync("INSERT INTO ferry.load (tenant_id, entity, district_id, run_id, state, source_rows, batches) VALUES ($1, $2, 'd001', $3, 'planned', 20000, 5)", tenant, entity, run);
        foreach (var (no, rows, ago) in new[] { (1, 10_000, 50), (2, 1_000, 8), (3, 1_000, 5), (4, 1_000, 2) })
        {
            await _database.ExecuteAsync(
                "INSERT INTO ferry.batch (run_id, tenant_id, district_id, entity, batch_no, state, rows_read, rows_loaded, rows_quarantined, committed_at) " +
                "VALUES ($1, $2, 'd001', $3, $4, 'done', $5, $5, 0, now() - make_interval(secs => $6))", run, tenant, entity, no, (long)rows, (double)ago);
        }

        await _database.ExecuteAsync("INSERT INTO ferry.batch (run_id, tenant_id, district_id, entity, batch_no) VALUES ($1, $2, 'd001', $3, 5)", run, tenant, entity);
        return (host, run.ToString("D"));
    }

    private static async Task<JsonElement> OverallAsync(ApiHost host, string id)
    {
        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{id}", Auditor);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var root = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(JsonValueKind.Null, root.GetProperty("progressError").ValueKind);
        return root.GetProperty("overall");
    }

    [Fact]
    public async Task Status_rate_is_the_rows_committed_over_the_last_ten_seconds_and_the_eta_follows_it()
    {
        var (host, id) = await RunAsync("dbo.Student", "d001");
        await using var _ = host;

        var overall = await OverallAsync(host, id);

        Assert.Equal(300, overall.GetProperty("rowsPerSecond").GetDouble(), 1);
        Assert.Equal(10, overall.GetProperty("windowSeconds").GetInt32());
        Assert.Equal(13_000, overall.GetProperty("doneRows").GetInt64());
        Assert.Equal(20_000, overall.GetProperty("plannedRows").GetInt64());
        Assert.Equal(65, overall.GetProperty("percent").GetInt32());
        Assert.Equal(24, overall.GetProperty("etaSeconds").GetInt64());
    }

    [Fact]
    public async Task Status_has_a_rate_but_no_totals_or_eta_while_a_district_in_scope_is_not_planned()
    {
        var (host, id) = await RunAsync("dbo.Staff", "d001", "d002");
        await using var _ = host;

        var overall = await OverallAsync(host, id);

        Assert.Equal(300, overall.GetProperty("rowsPerSecond").GetDouble(), 1);
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("plannedRows").ValueKind);
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("etaSeconds").ValueKind);
    }
}
