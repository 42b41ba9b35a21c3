using System.Net;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;
using Ferry.Orchestration;
using Ferry.Orchestration.Status;
using Microsoft.DurableTask.Client;

namespace Ferry.Api.Tests;

public sealed class RollbackTests : IClassFixture<ApiDatabase>
{
    private static readonly string Operator = ApiHost.Token(ApiRoles.Operator);

    private readonly ApiDatabase _database;

    public RollbackTests(ApiDatabase database) => _database = database;

    private Task<ApiHost> HostAsync() => ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));

    [Fact]
    public async Task Rollback_of_a_finished_run_starts_a_rollback_run_of_its_districts()
    {
        await using var host = await HostAsync();
        var run = Guid.NewGuid();
        host.Client.Has(Instances.Run(run.ToString("D"), OrchestrationRuntimeStatus.Completed, new RunInput { Mode = RunModes.Full, Districts = ["d002"] }));
        var started = host.Client.AcceptsStarts();

        var response = await host.SendAsync(HttpMethod.Post, $"/api/runs/{run}/rollback", Operator, """{"dryRun":true}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (id, input) = Assert.Single(started);
        Assert.NotEqual(run.ToString("D"), id);
        Assert.Equal(RunModes.Rollback, input.Mode);
        Assert.Equal(["d002"], input.Districts!);
        Assert.Equal(new RollbackInput(run, Cascade: false, DryRun: true), input.Rollback);
        Assert.EndsWith($"/api/runs/{id}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Rollback_undoes_the_engine_run_the_status_names()
    {
        await using var host = await HostAsync();
        var resumed = Guid.NewGuid();
        host.Client.Has(Instances.Run("r-resumed", OrchestrationRuntimeStatus.Completed, custom: new RunStatus { Mode = RunModes.Full, Phase = "done", RunId = resumed }));
        var started = host.Client.AcceptsStarts();

        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r-resumed/rollback", Operator, """{"districts":["d001"],"cascade":true}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new RollbackInput(resumed, Cascade: true, DryRun: false), Assert.Single(started).Input.Rollback);
    }

    [Fact]
    public async Task Rollback_of_a_running_run_is_409()
    {
        await using var host = await HostAsync();
        host.Client.Has(Instances.Run("r-busy", OrchestrationRuntimeStatus.Running));
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs/r-busy/rollback", Operator);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Rollback_naming_an_unknown_district_is_400()
    {
        await using var host = await HostAsync();
        var run = Guid.NewGuid().ToString("D");
        host.Client.Has(Instances.Run(run, OrchestrationRuntimeStatus.Completed));
        var response = await host.SendAsync(HttpMethod.Post, $"/api/runs/{run}/rollback", Operator, """{"districts":["d009"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"districts[0]\"", await response.Content.ReadAsStringAsync());
    }
}
