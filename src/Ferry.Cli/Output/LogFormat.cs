namespace Ferry.Cli.Output;

/// <summary>
/// How a run or a verification reports as it goes: a live table on a terminal; otherwise log lines, plain (a time
/// and a sentence) or JSON (one object per line, with the run, district and entity as scopes).
/// </summary>
internal enum LogFormat
{
    Live,
    Plain,
    Json,
}

internal static class LogFormats
{
    public const string Plain = "plain";
    public const string Json = "json";

    /// <summary><c>--log-format</c> when given; otherwise the live table on a terminal and plain lines when output is redirected.</summary>
    public static LogFormat Choose(string? option, bool outputRedirected) => option switch
    {
        Json => LogFormat.Json,
        Plain => LogFormat.Plain,
        _ => outputRedirected ? LogFormat.Plain : LogFormat.Live,
    };
}
