using Ferry.Host;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Output;

/// <summary>
/// The console loggers of <c>--log-format</c> (<see cref="ConsoleLogFormat"/>, shared with the self-hosted host). The
/// progress lines are <c>dm</c>'s own (with the plan's percentages and ETA); of the engine's events, which say the same
/// things, only errors are shown, so nothing prints twice. The console logger writes from a queue; disposing the
/// factory flushes it, so the caller disposes it before printing anything else.
/// </summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create(LogFormat format, bool toStandardError = false) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Ferry.Engine", LogLevel.Error)
        .AddFerryConsole(format == LogFormat.Json ? ConsoleLogFormat.Json : ConsoleLogFormat.Plain, toStandardError));
}
