using Ferry.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ferry.Host;

/// <summary>The HTTP API this host serves: the shared library's routes and handlers, the same as the Functions app's.</summary>
internal static class HttpApi
{
    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddFerryApi(configuration, environment);

    public static void Map(WebApplication app)
    {
        app.UseAuthentication();
        app.MapFerryApi();
    }
}
