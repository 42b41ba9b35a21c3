using Ferry.Api.Auth;
using Ferry.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Ferry.Api.Tests.Support;

/// <summary>
/// The self-hosted host's web application as <c>dm serve</c> wires it (its own service registrations and endpoint
/// mapping), on an in-memory server, without its durable worker: what the Functions app's routes and documents are
/// compared with.
/// </summary>
public sealed class SelfHostedApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SelfHostedApp(WebApplication app)
    {
        _app = app;
        Http = app.GetTestClient();
    }

    public HttpClient Http { get; }

    /// <summary>Every route the host serves, with its HTTP method, as the Functions app declares them (no leading slash).</summary>
    public IReadOnlyList<(string Method, string Route)> Routes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: e.RoutePattern.RawText!.TrimStart('/'))))
            .Order()
            .ToList();

    public static async Task<SelfHostedApp> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DevelopmentTokens.KeySetting] = ApiHost.DevelopmentKey,
            ["FERRY_CONFIG"] = "unused.yaml",
        });
        HttpApi.Add(builder.Services, builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(new Mock<DurableTaskClient>(MockBehavior.Strict, "test").Object);
        var app = builder.Build();
        HttpApi.Map(app);
        await app.StartAsync();
        return new SelfHostedApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
