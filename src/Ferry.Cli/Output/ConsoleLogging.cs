using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ferry.Cli.Output;

/// <summary>
/// The console loggers of <c>--log-format</c>: plain lines, or JSON lines with scopes (run id, district, entity) and
/// UTC timestamps. The console logger writes from a queue; disposing the factory flushes it, so the caller disposes it
/// before printing anything else.
/// </summary>
internal static class ConsoleLogging
{
    public static ILoggerFactory Create(LogFormat format, bool toStandardError = false) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(LogLevel.Information);
        // With a document on standard output (verify --json -), the log goes to standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = toStandardError ? LogLevel.Trace : LogLevel.None);
        if (format == LogFormat.Json)
        {
            builder.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            builder.AddConsole(o => o.FormatterName = PlainLogFormatter.Name).AddConsoleFormatter<PlainLogFormatter, ConsoleFormatterOptions>();
        }
    });
}
