using Cronos;
using Ferry.Core.Configuration;

namespace Ferry.Orchestration.Scheduling;

/// <summary>
/// When the delta scheduler ticks: the NCRONTAB expression (six fields, seconds first, UTC) of the setting
/// <see cref="Setting"/>, every minute when it is not set. Each tick starts the deltas whose
/// <c>districts[].deltaSchedule</c> falls in its minute, so a coarser tick skips the schedules of the minutes between.
/// The self-hosted host applies the default itself; the Functions host resolves <c>%FERRY_DELTA_TICK%</c> from the app
/// settings before the app's code runs, so there the setting must be present (the sample settings and the
/// infrastructure set it to <see cref="Default"/>).
/// </summary>
public static class TickSchedule
{
    public const string Setting = "FERRY_DELTA_TICK";

    /// <summary>Every minute, at second 0.</summary>
    public const string Default = "0 */1 * * * *";

    /// <summary>The schedule of <paramref name="value"/> (null or blank: <see cref="Default"/>).</summary>
    /// <exception cref="ConfigException">The value is not a six-field NCRONTAB expression.</exception>
    public static CronExpression Parse(string? value)
    {
        var expression = string.IsNullOrWhiteSpace(value) ? Default : value.Trim();
        if (!CronExpression.TryParse(expression, CronFormat.IncludeSeconds, out var schedule))
        {
            throw new ConfigException($"{Setting}: '{expression}' is not an NCRONTAB schedule with seconds (e.g. '{Default}', every minute)");
        }

        return schedule;
    }

    /// <summary>The first tick strictly after <paramref name="now"/>; null when the schedule never fires again.</summary>
    public static DateTimeOffset? Next(CronExpression schedule, DateTimeOffset now) =>
        schedule.GetNextOccurrence(now, TimeZoneInfo.Utc, inclusive: false);
}
