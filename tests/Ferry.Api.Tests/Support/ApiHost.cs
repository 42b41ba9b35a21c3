using System.Net.Http.Headers;
using Ferry.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Ferry.Api.Tests.Support;

/// <summary>
/// The API as the self-hosted host wires it (AddFerryApi, MapFerryApi), on an in-memory server, in a chosen
/// environment, with a narrow mock of the durable client and, optionally, a fixed entity catalog instead of reading
/// a legacy schema.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string DevelopmentKey = "a development key used by the API tests only, never elsewhere";

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Mock<DurableTaskClient> client)
    {
        _app = app;
        Client = client;
        Http = app.GetTestClient();
    }

    public Mock<DurableTaskClient> Client { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiHost> StartAsync(
        string environment = "Development",
        string? configFile = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        IReadOnlyList<string>? entities = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DevelopmentTokens.KeySetting] = DevelopmentKey,
            ["FERRY_CONFIG"] = configFile,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddFerryApi(builder.Configuration, builder.Environment);
        var client = new Mock<DurableTaskClient>(MockBehavior.Strict, "test");
        builder.Services.AddSingleton(client.Object);
        if (entities is not null)
        {
            builder.Services.AddSingleton<IEntityCatalog>(new FixedCatalog(entities));
        }

        var app = builder.Build();
        app.MapFerryApi();
        await app.StartAsync();
        return new ApiHost(app, client);
    }

    public static string Token(params string[] roles) => DevelopmentTokens.Create(DevelopmentKey, "alice", roles, TimeSpan.FromHours(1));

    public HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null) =>
        Http.SendAsync(Request(method, path, token, json));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class FixedCatalog(IReadOnlyList<string> entities) : IEntityCatalog
    {
        public Task<IReadOnlyList<string>> EntitiesAsync(Ferry.Core.Configuration.MigrationConfig config, CancellationToken cancellationToken) => Task.FromResult(entities);
    }
}
