using Microsoft.Extensions.Logging;

namespace Ferry.Orchestration.Execution;

/// <summary>
/// An activity's own log events (category <c>Ferry.Activities</c>): started, completed with its rows and duration, or
/// failed with the database's reason. Debug for the start, since every activity has one; the engine's events carry
/// the figures that matter.
/// </summary>
internal static partial class ActivityLogEvents
{
    [LoggerMessage(700, LogLevel.Debug, "activity {Activity} of {Instance} started (attempt {Attempt})")]
    public static partial void Started(ILogger logger, string activity, string instance, int attempt);

    [LoggerMessage(701, LogLevel.Information, "activity {Activity} of {Instance} completed in {DurationMs} ms ({Rows} rows)")]
    public static partial void Completed(ILogger logger, string activity, string instance, long? rows, long durationMs);

    [LoggerMessage(702, LogLevel.Warning, "activity {Activity} of {Instance} failed after {DurationMs} ms: {Reason}")]
    public static partial void Failed(ILogger logger, string activity, string instance, long durationMs, string reason);
}
