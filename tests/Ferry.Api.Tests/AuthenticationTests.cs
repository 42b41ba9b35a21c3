using System.Net;
using Ferry.Api.Auth;
using Ferry.Api.Tests.Support;
using Ferry.Core.Configuration;

namespace Ferry.Api.Tests;

public sealed class AuthenticationTests : IClassFixture<ApiDatabase>
{
    private readonly ApiDatabase _database;

    public AuthenticationTests(ApiDatabase database) => _database = database;

    [Fact]
    public async Task Request_without_token_is_401_problem_with_bearer_challenge()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Get, "/api/runs", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Token_signed_by_another_key_is_401()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var forged = DevelopmentTokens.Create("some other key that is long enough to sign tokens", "mallory", [ApiRoles.Operator], TimeSpan.FromHours(1));
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", forged, """{"mode":"full"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var expired = DevelopmentTokens.Create(ApiHost.DevelopmentKey, "alice", [ApiRoles.Operator], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", expired, """{"mode":"full"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Auditor_starting_a_run_is_403_naming_the_role_needed()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", ApiHost.Token(ApiRoles.Auditor), """{"mode":"full"}""");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(ApiRoles.Operator, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_without_app_role_is_403_on_reads()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Get, "/api/runs/r1", ApiHost.Token());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Production_host_rejects_development_key_token_with_401()
    {
        // Entra ID settings whose authority is a closed local port: the token cannot be validated against it, and
        // the development scheme does not exist outside Development.
        var settings = new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://127.0.0.1:1/",
            ["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002",
        };
        await using var host = await ApiHost.StartAsync("Production", MigrationFile.Write(_database.ConnectionString), settings);
        var response = await host.SendAsync(HttpMethod.Post, "/api/runs", ApiHost.Token(ApiRoles.Operator), """{"mode":"full"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        host.Client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Production_host_without_entra_settings_refuses_to_start_naming_the_setting()
    {
        var e = await Assert.ThrowsAsync<ConfigException>(() => ApiHost.StartAsync("Production", MigrationFile.Write(_database.ConnectionString)));
        Assert.Contains("AzureAd:ClientId", e.Message);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Get, "/api/health", token: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
