using System.Net;
using System.Text.Json;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;
using Ferry.Orchestration;
using Microsoft.DurableTask;
using Moq;

namespace Ferry.Api.Tests;

public sealed class StartRunTests : IClassFixture<ApiDatabase>
{
    private static readonly string Operator = ApiHost.Token(ApiRoles.Operator);

    private readonly ApiDatabase _database;

    public StartRunTests(ApiDatabase database) => _database = database;

    private Task<ApiHost> HostAsync() =>
        ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString), entities: ["dbo.Students", "dbo.Schools", "ref.Grades"]);

    [Fact]
    public async Task Start_is_202_with_location_and_management_uris_on_this_api()
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"full","districts":["d002"],"entities":["dbo.S*"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (id, input) = Assert.Single(started);
        Assert.Equal(RunModes.Full, input.Mode);
        Assert.Equal(["d002"], input.Districts!);
        Assert.Equal(["dbo.S*"], input.Entities!);
        Assert.Equal("alice", input.RequestedBy);
        Assert.Equal($"http://localhost/api/runs/{id}", response.Headers.Location?.ToString());

        using var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = payload.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        foreach (var (member, suffix) in new[]
                 {
                     ("statusQueryGetUri", ""), ("sendEventPostUri", "/events/{eventName}"), ("terminatePostUri", "/terminate?reason={text}"),
                     ("suspendPostUri", "/suspend?reason={text}"), ("resumePostUri", "/resume?reason={text}"), ("purgeHistoryDeleteUri", ""),
                     ("rollbackPostUri", "/rollback"), ("reportsGetUri", "/reports"),
                 })
        {
            Assert.Equal($"http://localhost/api/runs/{id}{suffix}", root.GetProperty(member).GetString());
        }
    }

    [Fact]
    public async Task Start_in_mode_delta_is_accepted_and_starts_a_delta_run()
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"delta","districts":["d001"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (_, input) = Assert.Single(started);
        Assert.Equal(RunModes.Delta, input.Mode);
        Assert.Equal(["d001"], input.Districts!);
    }

    [Theory]
    [InlineData(RunModes.Scaffold)]
    [InlineData(RunModes.Validate)]
    public async Task Start_in_a_setup_mode_is_accepted_and_starts_that_mode(string mode)
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, $$"""{"mode":"{{mode}}"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(mode, Assert.Single(started).Input.Mode);
    }

    [Fact]
    public async Task Unknown_mode_is_400_naming_the_field_and_listing_every_mode()
    {
        await using var host = await HostAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"migrate"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("mode", problem.RootElement.GetProperty("field").GetString());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.All(RunModes.All, m => Assert.Contains(m, detail));
    }

    [Fact]
    public async Task Validate_runs_beside_a_live_lease_while_scaffold_is_409()
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        var holder = Guid.NewGuid();
        await _database.ExecuteAsync(
            "INSERT INTO ferry.lease (kind, key, run_id, holder, expires_at) VALUES ('district', 'd002', $1, 'worker-8', now() + interval '5 minutes')", holder);
        try
        {
            // Scaffolding changes tables every district shares: a load in d002 refuses it even when it names d001.
            var scaffold = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"scaffold","districts":["d001"]}""");
            Assert.Equal(HttpStatusCode.Conflict, scaffold.StatusCode);
            var validate = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"validate"}""");
            Assert.Equal(HttpStatusCode.Accepted, validate.StatusCode);
            Assert.Equal(RunModes.Validate, Assert.Single(started).Input.Mode);
        }
        finally
        {
            await _database.ExecuteAsync("DELETE FROM ferry.lease WHERE run_id = $1", holder);
        }
    }

    [Fact]
    public async Task Start_is_recorded_as_an_operator_action_with_its_outcome()
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"verify","districts":["d001"]}""");

        var id = Assert.Single(started).Id;
        var row = Assert.Single(await _database.RowsAsync("SELECT actor, role, action, districts, outcome, finished_at FROM ferry.operator_action WHERE run_id = $1", id));
        Assert.Equal("alice", row[0]);
        Assert.Equal(ApiRoles.Operator, row[1]);
        Assert.Equal("start verify", row[2]);
        Assert.Equal(["d001"], (string[])row[3]!);
        Assert.Equal("accepted", row[4]);
        Assert.NotNull(row[5]);
    }

    [Theory]
    [InlineData("""{"districts":["d001"]}""", "mode")]
    [InlineData("""{"mode":"fulll"}""", "mode")]
    [InlineData("""{"mode":"full","districts":["d001","d404"]}""", "districts[1]")]
    [InlineData("""{"mode":"full","entities":["dbo.Nothing*"]}""", "entities[0]")]
    [InlineData("""{"mode":"full","district":["d001"]}""", "district")]
    [InlineData("""{"mode":"full","districts":"d001"}""", "districts")]
    [InlineData("""{"mode":"rollback"}""", "rollback.run")]
    [InlineData("""{"mode":"scaffolding"}""", "mode")]
    [InlineData("""{"mode":"validate","districts":["d001"]}""", "districts")]
    [InlineData("""{"mode":"validate","entities":["dbo.S*"]}""", "entities")]
    [InlineData("""{"mode":"scaffold","districts":["d001","d002"]}""", "districts[1]")]
    [InlineData("""{"mode":"full",""", "body")]
    [InlineData("", "body")]
    public async Task Bad_request_is_400_problem_naming_the_field(string body, string field)
    {
        await using var host = await HostAsync();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.StartsWith(field + ":", problem.RootElement.GetProperty("detail").GetString());
        host.Client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Start_on_a_district_held_by_a_live_lease_is_409_naming_the_run()
    {
        await using var host = await HostAsync();
        host.Client.AcceptsStarts();
        await host.SendAsync(HttpMethod.Get, "/api/ready", null); // applies the toolkit's schema
        var holder = Guid.NewGuid();
        await _database.ExecuteAsync(
            "INSERT INTO ferry.lease (kind, key, run_id, holder, expires_at) VALUES ('district', 'd001', $1, 'worker-7', now() + interval '5 minutes')", holder);
        try
        {
            var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"full"}""");

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(holder.ToString("D"), problem.RootElement.GetProperty("run").GetString());
            Assert.Contains($"district d001 is held by run {holder}", problem.RootElement.GetProperty("detail").GetString());
            host.Client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
            var refused = await _database.RowsAsync("SELECT outcome FROM ferry.operator_action WHERE action = 'start full' ORDER BY action_id DESC LIMIT 1");
            Assert.Equal("refused", Assert.Single(refused)[0]);
        }
        finally
        {
            await _database.ExecuteAsync("DELETE FROM ferry.lease WHERE run_id = $1", holder);
        }
    }

    [Fact]
    public async Task Start_on_a_district_whose_lease_expired_is_accepted()
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        var holder = Guid.NewGuid();
        await _database.ExecuteAsync(
            "INSERT INTO ferry.lease (kind, key, run_id, holder, expires_at) VALUES ('district', 'd002', $1, 'killed', now() - interval '1 second')", holder);
        try
        {
            var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, """{"mode":"full","districts":["d002"]}""");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Single(started);
        }
        finally
        {
            await _database.ExecuteAsync("DELETE FROM ferry.lease WHERE run_id = $1", holder);
        }
    }

    [Fact]
    public async Task Start_in_mode_rollback_carries_the_run_to_undo()
    {
        await using var host = await HostAsync();
        var started = host.Client.AcceptsStarts();
        var undo = Guid.NewGuid();
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", Operator, $$$"""{"mode":"rollback","districts":["d001"],"rollback":{"run":"{{{undo}}}","cascade":true}}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var input = Assert.Single(started).Input;
        Assert.Equal(new RollbackInput(undo, Cascade: true, DryRun: false), input.Rollback);
    }
}
