using System.CommandLine;
using Ferry.Host;
using Ferry.Orchestration;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm serve</c> and <c>dm worker</c>: the self-hosted durable host (HTTP API, worker and delta timer) and additional
/// workers on the same task hub. Both run until Ctrl+C or SIGTERM (exit 0); a configuration or storage setting that
/// is missing or unreadable is refused before anything starts (exit 2).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = DurableConfig();
        var logFormat = LogFormat();
        var urls = new Option<string?>("--urls") { Description = "Where the HTTP API listens, e.g. http://127.0.0.1:7071 (default: the ASPNETCORE_URLS setting, else http://localhost:5000)" };
        var command = new Command("serve", $"Run the durable host: the HTTP API (/api/runs ...), a worker and the timer that starts scheduled deltas, on the task hub in {DurableHostOptions.StorageSetting}. Exit 0 on Ctrl+C/SIGTERM, 2 configuration error")
        {
            config, urls, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = await CheckAsync(parse.GetValue(config), cancellationToken);
            await FerryHost.ServeAsync([], location, parse.GetValue(urls), cancellationToken, parse.GetValue(logFormat));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateWorker()
    {
        var config = DurableConfig();
        var logFormat = LogFormat();
        var command = new Command("worker", $"Run one more worker of the durable host on the same task hub ({DurableHostOptions.StorageSetting}); start as many as wanted, here or on other machines. Exit 0 on Ctrl+C/SIGTERM, 2 configuration error")
        {
            config, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = await CheckAsync(parse.GetValue(config), cancellationToken);
            await FerryHost.WorkAsync([], location, cancellationToken, parse.GetValue(logFormat));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> LogFormat()
    {
        var option = new Option<string?>("--log-format")
        {
            Description = $"Console log lines: plain (a time and a sentence, the default) or json (one object per line, run, district, entity and work item as scopes); overrides the {ConsoleLogFormat.Setting} setting",
        };
        option.AcceptOnlyFromAmong(ConsoleLogFormat.Plain, ConsoleLogFormat.Json);
        return option;
    }

    private static Option<string?> DurableConfig() => new("--config", "-c")
    {
        Description = $"The migration configuration (a file path, or a blob URL read with the host's identity); sets {ConfigSource.Setting}, which is used when this is not given",
    };

    /// <summary>The configuration's location, read once here so a wrong one is refused before the host starts.</summary>
    private static async Task<string> CheckAsync(string? option, CancellationToken cancellationToken)
    {
        var location = option ?? Environment.GetEnvironmentVariable(ConfigSource.Setting);
        var cfg = await ConfigSource.LoadAsync(location, cancellationToken);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DurableHostOptions.StorageSetting)))
        {
            throw new Core.Configuration.ConfigException($"{DurableHostOptions.StorageSetting} is not set: give the connection string of the storage account that holds the task hub (scripts/azurite.sh starts one locally)");
        }

        _ = cfg;
        if (bool.TryParse(Environment.GetEnvironmentVariable("FerryHost__SimulateWork"), out var simulate) && simulate && !InDevelopment())
        {
            // Simulated work items load nothing and report parity: only the benchmark's local hosts may do that.
            throw new Core.Configuration.ConfigException("FerryHost__SimulateWork=true is honoured only in the Development environment (ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT): it makes every work item a no-op");
        }

        _ = Orchestration.Scheduling.TickSchedule.Parse(Environment.GetEnvironmentVariable(Orchestration.Scheduling.TickSchedule.Setting));
        return location!;
    }

    private static bool InDevelopment() =>
        string.Equals(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"), "Development", StringComparison.OrdinalIgnoreCase);
}
