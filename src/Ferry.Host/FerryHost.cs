using Ferry.Orchestration;
using Ferry.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ferry.Host;

/// <summary>
/// The self-hosted durable host: <see cref="ServeAsync"/> runs the HTTP API, a worker and the delta timer in one
/// process (<c>dm serve</c>); <see cref="WorkAsync"/> runs a worker only (<c>dm worker</c>), any number of them, on
/// this machine or others next to the legacy servers, all on the same task hub. Both stop on Ctrl+C or SIGTERM:
/// the work in flight in a stopped worker is picked up by another (or by this one restarted) once its messages
/// become visible again. Console output is plain lines or JSON lines (<see cref="ConsoleLogFormat"/>): the
/// <c>logFormat</c> given (<c>--log-format</c>), else the setting, else plain.
/// </summary>
public static class FerryHost
{
    public static async Task ServeAsync(string[] args, string configLocation, string? urls, CancellationToken cancellationToken, string? logFormat = null)
    {
        Environment.SetEnvironmentVariable(ConfigSource.Setting, configLocation);
        var builder = WebApplication.CreateBuilder(WithoutReload(args));
        Quiet(builder.Logging, logFormat ?? builder.Configuration[ConsoleLogFormat.Setting]);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.Services.AddFerryDurableHost(builder.Configuration);
        builder.Services.AddHostedService<DeltaTimer>();
        HttpApi.Add(builder.Services, builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        HttpApi.Map(app);
        await app.RunAsync(cancellationToken);
    }

    public static async Task WorkAsync(string[] args, string configLocation, CancellationToken cancellationToken, string? logFormat = null)
    {
        Environment.SetEnvironmentVariable(ConfigSource.Setting, configLocation);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(WithoutReload(args));
        Quiet(builder.Logging, logFormat ?? builder.Configuration[ConsoleLogFormat.Setting]);
        builder.Services.AddFerryDurableHost(builder.Configuration);
        builder.Services.AddFerryTelemetry(builder.Configuration, "ferry-worker");
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }

    /// <summary>
    /// The hosts read no settings file that could change while they run, and watching for changes costs a file
    /// watcher over the whole content root (the working directory, with every subdirectory): where a database's
    /// files live below it, as the local clusters' do, that watcher took a tenth of a core during a load.
    /// </summary>
    private static string[] WithoutReload(string[] args) => [.. args, "--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>The framework logs every dispatch at information level: warnings and the host's own lines only.</summary>
    private static void Quiet(ILoggingBuilder logging, string? format)
    {
        logging.AddFerryConsole(format);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Ferry", LogLevel.Information);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("DurableTask", LogLevel.Warning);
    }
}
