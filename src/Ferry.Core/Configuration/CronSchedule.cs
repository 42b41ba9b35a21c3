using Cronos;

namespace Ferry.Core.Configuration;

/// <summary>The cron expressions of <c>districts[].deltaSchedule</c>: five fields, read in UTC.</summary>
public static class CronSchedule
{
    public static bool IsValid(string expression) => CronExpression.TryParse(expression, CronFormat.Standard, out _);

    /// <summary>Whether the schedule has an occurrence at the start of the minute <paramref name="minute"/> falls in.</summary>
    public static bool IsDue(string expression, DateTimeOffset minute)
    {
        var start = new DateTime(minute.UtcDateTime.Ticks - (minute.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var next = CronExpression.Parse(expression, CronFormat.Standard).GetNextOccurrence(start, TimeZoneInfo.Utc, inclusive: true);
        return next == start;
    }
}
