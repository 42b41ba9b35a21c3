using System.Net;
using System.Text.Json;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;
using Ferry.Orchestration;
using Ferry.Orchestration.Status;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace Ferry.Api.Tests;

public sealed class RunReadTests : IClassFixture<ApiDatabase>
{
    private static readonly string Auditor = ApiHost.Token(ApiRoles.Auditor);

    private readonly ApiDatabase _database;

    public RunReadTests(ApiDatabase database) => _database = database;

    private Task<ApiHost> HostAsync() => ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));

    [Fact]
    public async Task Status_carries_runtime_status_custom_status_failure_and_operator_actions()
    {
        await using var host = await HostAsync();
        var id = Guid.NewGuid().ToString("D");
        var custom = new RunStatus
        {
            Mode = RunModes.Full,
            Phase = "loading",
            Districts = new Dictionary<string, DistrictSummary> { ["d001"] = new() { State = "loading", EntitiesDone = 3, EntitiesPlanned = 10, RowsLoaded = 1200 } },
        };
        host.Client.Has(Instances.Run(id, OrchestrationRuntimeStatus.Running, custom: custom));
        host.Client.Setup(c => c.SuspendInstanceAsync(id, It.IsAny<string?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await host.SendAsync(HttpMethod.Post, $"/api/runs/{id}/suspend", ApiHost.Token(ApiRoles.Operator));

        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{id}", Auditor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("Running", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal("loading", root.GetProperty("customStatus").GetProperty("phase").GetString());
        Assert.Equal(1200, root.GetProperty("customStatus").GetProperty("districts").GetProperty("d001").GetProperty("rowsLoaded").GetInt64());
        Assert.Equal("full", root.GetProperty("input").GetProperty("mode").GetString());
        var action = Assert.Single(root.GetProperty("operatorActions").EnumerateArray());
        Assert.Equal("suspend", action.GetProperty("action").GetString());
        Assert.Equal("alice", action.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("progressError").ValueKind);
    }

    [Fact]
    public async Task Status_of_an_unknown_run_is_404()
    {
        await using var host = await HostAsync();
        host.Client.HasNo("missing");
        var response = await host.SendAsync(HttpMethod.Get, "/api/runs/missing", Auditor);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task List_filters_by_state_pages_and_leaves_district_orchestrations_out()
    {
        await using var host = await HostAsync();
        OrchestrationQuery? asked = null;
        host.Client.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Callback((OrchestrationQuery? q) => asked = q)
            .Returns(Pageable.Create((string? token, int? size, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>(
                [
                    Instances.Run("r1", OrchestrationRuntimeStatus.Failed),
                    Instances.Run("r1:d001", OrchestrationRuntimeStatus.Failed, name: OrchestrationNames.District),
                ],
                "next-page"))));

        var response = await host.SendAsync(HttpMethod.Get, "/api/runs?state=failed&pageSize=5", Auditor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([OrchestrationRuntimeStatus.Failed], asked!.Statuses!);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var run = Assert.Single(body.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("r1", run.GetProperty("id").GetString());
        Assert.Equal("next-page", body.RootElement.GetProperty("continuationToken").GetString());
    }

    [Theory]
    [InlineData("state=sleeping", "state")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    public async Task List_with_bad_query_is_400_naming_it(string query, string field)
    {
        await using var host = await HostAsync();
        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs?{query}", Auditor);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task History_lists_the_operator_actions_of_the_run()
    {
        await using var host = await HostAsync();
        var id = Guid.NewGuid().ToString("D");
        host.Client.Has(Instances.Run(id, OrchestrationRuntimeStatus.Running));
        host.Client.Setup(c => c.TerminateInstanceAsync(id, It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await host.SendAsync(HttpMethod.Post, $"/api/runs/{id}/terminate", ApiHost.Token(ApiRoles.Operator));

        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{id}/history", Auditor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(body.RootElement.GetProperty("activities").EnumerateArray());
        var e = Assert.Single(body.RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal("operator_action", e.GetProperty("event").GetString());
        Assert.Equal("accepted", e.GetProperty("state").GetString());
        Assert.StartsWith("terminate by alice (Migration.Operator)", e.GetProperty("message").GetString());
    }

    [Fact]
    public async Task History_lists_the_activity_events_of_the_run_and_of_its_districts()
    {
        await using var host = await HostAsync();
        var id = Guid.NewGuid().ToString("D");
        host.Client.Has(Instances.Run(id, OrchestrationRuntimeStatus.Running, new RunInput { Mode = RunModes.Full, Districts = ["d001"] }));
        await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        await _database.ExecuteAsync(
            "INSERT INTO ferry.activity_event (instance_id, activity, district_id, attempt, outcome, worker) VALUES " +
            "($1, 'FerryStartRunV1', NULL, 1, 'completed', 'w1'), ($2, 'FerryExecuteWorkV1', 'd001', 2, 'failed', 'w2'), ($3, 'FerryExecuteWorkV1', 'd001', 1, 'completed', 'w1')",
            id, $"{id}:d001", $"{Guid.NewGuid():D}:d001");

        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{id}/history", Auditor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var activities = body.RootElement.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(["FerryStartRunV1", "FerryExecuteWorkV1"], activities.Select(a => a.GetProperty("activity").GetString()));
        Assert.Equal(2, activities[1].GetProperty("attempt").GetInt32());
        Assert.Equal("failed", activities[1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task History_pages_the_activity_events_in_the_order_written_with_a_continuation_token()
    {
        await using var host = await HostAsync();
        var id = Guid.NewGuid().ToString("D");
        host.Client.Has(Instances.Run(id, OrchestrationRuntimeStatus.Completed, new RunInput { Mode = RunModes.Full, Districts = ["d001"] }));
        await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        await _database.ExecuteAsync(
            "INSERT INTO ferry.activity_event (instance_id, activity, district_id, work_item, attempt, outcome, rows_loaded, duration_ms, worker) " +
            "SELECT CASE WHEN i % 2 = 0 THEN $1 ELSE $1 || ':d001' END, 'FerryExecuteWorkV1', 'd001', 'item-' || i, 1, 'completed', i * 10, i, 'w1' FROM generate_series(1, 5) AS i",
            id);

        var items = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{id}/history?pageSize=2{(token is null ? "" : $"&continuationToken={token}")}", Auditor);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var activities = body.RootElement.GetProperty("activities").EnumerateArray().ToList();
            Assert.True(activities.Count <= 2);
            items.AddRange(activities.Select(a => a.GetProperty("workItem").GetString()!));
            Assert.All(activities, a => Assert.Equal(10 * int.Parse(a.GetProperty("workItem").GetString()!["item-".Length..], System.Globalization.CultureInfo.InvariantCulture), a.GetProperty("rows").GetInt64()));
            token = body.RootElement.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["item-1", "item-2", "item-3", "item-4", "item-5"], items);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1001", "pageSize")]
    [InlineData("continuationToken=abc", "continuationToken")]
    public async Task History_with_bad_paging_is_400_naming_it(string query, string field)
    {
        await using var host = await HostAsync();
        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{Guid.NewGuid():D}/history?{query}", Auditor);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Operator_actions_appear_in_the_runs_log_beside_its_work()
    {
        await using var host = await HostAsync();
        var run = Guid.NewGuid();
        var id = run.ToString("D");
        host.Client.Has(Instances.Run(id, OrchestrationRuntimeStatus.Running));
        host.Client.Setup(c => c.SuspendInstanceAsync(id, It.IsAny<string?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        await _database.ExecuteAsync("INSERT INTO ferry.run (run_id, state, districts, entities) VALUES ($1, 'running', '{d001}', '{dbo.Students}')", run);
        await host.SendAsync(HttpMethod.Post, $"/api/runs/{id}/suspend", ApiHost.Token(ApiRoles.Operator));

        var response = await host.SendAsync(HttpMethod.Get, $"/api/runs/{id}/history", Auditor);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var events = body.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal(["run_started", "operator_action"], events);
    }
}
