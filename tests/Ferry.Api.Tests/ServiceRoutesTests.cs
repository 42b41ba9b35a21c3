using System.Net;
using System.Text.Json;
using Ferry.Api.Tests.Support;

namespace Ferry.Api.Tests;

public sealed class ServiceRoutesTests : IClassFixture<ApiDatabase>
{
    private readonly ApiDatabase _database;

    public ServiceRoutesTests(ApiDatabase database) => _database = database;

    [Fact]
    public async Task Ready_is_200_when_target_and_legacy_databases_answer()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Ready_is_503_naming_the_unreachable_database_without_its_password()
    {
        var closed = "Host=127.0.0.1;Port=1;Database=nowhere;Username=postgres;Password=secret-never-shown;Timeout=2";
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(closed));
        var response = await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("target databases", text);
        Assert.Contains("district d001", text);
        Assert.DoesNotContain("secret-never-shown", text);
    }

    [Fact]
    public async Task Ready_is_503_when_the_configuration_setting_is_missing()
    {
        await using var host = await ApiHost.StartAsync(configFile: null);
        var response = await host.SendAsync(HttpMethod.Get, "/api/ready", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("FERRY_CONFIG", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_every_route()
    {
        await using var host = await ApiHost.StartAsync(configFile: MigrationFile.Write(_database.ConnectionString));
        var response = await host.SendAsync(HttpMethod.Get, "/api/openapi/v1.json", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (method, route) in ApiRoutes.All)
        {
            Assert.True(paths.TryGetProperty("/" + route, out var path), $"{route} is missing");
            Assert.True(path.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {route} is missing");
        }
    }
}
