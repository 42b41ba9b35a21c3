using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ferry.Host;

/// <summary>The HTTP API this host serves.</summary>
internal static class HttpApi
{
    public static void Add(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
    }

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/health", () => Results.Ok(new { status = "alive" }));
    }
}
