using Ferry.Api;
using Ferry.Dashboard;
using Ferry.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ferry.Host;

/// <summary>
/// The HTTP API this host serves (the shared library's routes and handlers, the same as the Functions app's), the
/// operator dashboard at <c>/</c> over it, and the engine's traces and metrics exported as the settings say.
/// </summary>
internal static class HttpApi
{
    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddFerryApi(configuration, environment);
        services.AddFerryTelemetry(configuration, "ferry-host");
    }

    public static void Map(WebApplication app)
    {
        app.UseAuthentication();
        app.MapFerryApi();
        app.MapFerryDashboard(DashboardSettings.From(app.Configuration, app.Environment));
    }
}
