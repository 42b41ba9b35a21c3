using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ferry.Host;

/// <summary>
/// The console log formats shared by <c>dm</c>'s <c>--log-format</c> and the self-hosted host (<c>dm serve</c>,
/// <c>dm worker</c>; setting <see cref="Setting"/>): <c>plain</c>, one line per event (a time and a sentence), or
/// <c>json</c>, one JSON object per line with UTC timestamps, the event's values under <c>State</c> and the scopes
/// (run id, district, entity, work item) under <c>Scopes</c>.
/// </summary>
public static class ConsoleLogFormat
{
    public const string Plain = "plain";
    public const string Json = "json";

    /// <summary>The host's setting (<c>FerryHost__LogFormat</c> in the environment); <c>--log-format</c> overrides it.</summary>
    public const string Setting = DurableHostOptions.Section + ":LogFormat";

    /// <summary>Replaces the console loggers with the format named (plain when null); one line naming the setting otherwise.</summary>
    public static ILoggingBuilder AddFerryConsole(this ILoggingBuilder builder, string? format, bool toStandardError = false)
    {
        var json = (format ?? Plain) switch
        {
            Plain => false,
            Json => true,
            _ => throw new Core.Configuration.ConfigException($"{Setting} (or --log-format): '{format}' is not a log format; use {Plain} or {Json}"),
        };
        builder.ClearProviders();
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = toStandardError ? LogLevel.Trace : LogLevel.None);
        if (json)
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

        return builder;
    }
}
