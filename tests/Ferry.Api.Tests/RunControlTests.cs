using System.Net;
using System.Text.Json;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;
using Microsoft.DurableTask.Client;
using Moq;

namespace Ferry.Api.Tests;

public sealed class RunControlTests : IClassFixture<ApiDatabase>
{
    private static readonly string Operator = ApiHost.Token(ApiRoles.Operator);

    private readonly ApiDatabase _database;

    public RunControlTests(ApiDatabase database) => _database = database;

    private Task<ApiHost> HostAsync() => ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));

    [Fact]
    public async Task Terminate_is_recursive_and_202_with_the_reason_and_the_operator()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-term", OrchestrationRuntimeStatus.Running));
        TerminateInstanceOptions? options = null;
        host.Client.Setup(c => c.TerminateInstanceAsync("r-term", It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, TerminateInstanceOptions? o, CancellationToken _) => options = o)
            .Returns(Task.CompletedTask);

        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r-term/terminate?reason=wrong%20scope", Operator);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(options!.Recursive);
        Assert.Equal("wrong scope (alice)", options.Output);
        var row = Assert.Single(await _database.RowsAsync("SELECT action, outcome, districts FROM ferry.operator_action WHERE run_id = 'r-term'"));
        Assert.Equal("terminate", row[0]);
        Assert.Equal("accepted", row[1]);
        Assert.Equal(["d001"], (string[])row[2]!);
    }

    [Fact]
    public async Task Terminate_of_a_finished_run_is_409_naming_its_state()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-done", OrchestrationRuntimeStatus.Completed));

        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r-done/terminate", Operator);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Completed", await response.Content.ReadAsStringAsync());
        var row = Assert.Single(await _database.RowsAsync("SELECT outcome FROM ferry.operator_action WHERE run_id = 'r-done'"));
        Assert.Equal("refused", row[0]);
    }

    [Fact]
    public async Task Action_on_an_unknown_run_is_404_problem()
    {
        await using var host = await HostAsync();
        host.Client.HasNo("nope");
        foreach (var action in new[] { "terminate", "suspend", "resume", "events/approve" })
        {
            var response = await host.SendAsync(HttpMethod.Post, $"/api/runs/nope/{action}", Operator);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Suspend_then_resume_follow_the_runs_state()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-sus", OrchestrationRuntimeStatus.Running));
        host.Client.Setup(c => c.SuspendInstanceAsync("r-sus", It.IsAny<string?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        Assert.Equal(HttpStatusCode.Accepted, (await host.SendAsync(HttpMethod.Post, "/api/runs/r-sus/suspend", Operator)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, "/api/runs/r-sus/resume", Operator)).StatusCode);

        host.Client.Has(Instances.Run("r-sus", OrchestrationRuntimeStatus.Suspended));
        host.Client.Setup(c => c.ResumeInstanceAsync("r-sus", It.IsAny<string?>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Assert.Equal(HttpStatusCode.Accepted, (await host.SendAsync(HttpMethod.Post, "/api/runs/r-sus/resume", Operator)).StatusCode);
        host.Client.Verify(c => c.SuspendInstanceAsync("r-sus", It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
        host.Client.Verify(c => c.ResumeInstanceAsync("r-sus", It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Event_is_raised_with_the_body_as_payload()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-evt", OrchestrationRuntimeStatus.Running));
        object? raised = null;
        host.Client.Setup(c => c.RaiseEventAsync("r-evt", "approve", It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => raised = payload)
            .Returns(Task.CompletedTask);

        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r-evt/events/approve", Operator, """{"by":"board"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("board", Assert.IsType<JsonElement>(raised).GetProperty("by").GetString());
    }

    [Fact]
    public async Task Event_with_malformed_body_is_400_and_raises_nothing()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-evt2", OrchestrationRuntimeStatus.Running));
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r-evt2/events/approve", Operator, "{by:");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"body\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Purge_of_a_running_run_is_409_and_of_a_finished_one_removes_it()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-live", OrchestrationRuntimeStatus.Running));
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Delete, "/api/runs/r-live", Operator)).StatusCode);

        host.Client.Has(Instances.Run("r-old", OrchestrationRuntimeStatus.Failed));
        host.Client.Setup(c => c.PurgeInstanceAsync("r-old", It.Is<PurgeInstanceOptions?>(o => o!.Recursive), It.IsAny<CancellationToken>())).ReturnsAsync(new PurgeResult(3));
        var response = await host.SendAsync(HttpMethod.Delete, "/api/runs/r-old", Operator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("purgedInstances").GetInt32());
    }

    [Fact]
    public async Task Auditor_cannot_terminate()
    {
        await using var host = await HostAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r1/terminate", ApiHost.Token(ApiRoles.Auditor));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        host.Client.VerifyNoOtherCalls();
    }
}
