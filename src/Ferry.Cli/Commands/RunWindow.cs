using System.Globalization;
using Ferry.Core.Configuration;

namespace Ferry.Cli.Commands;

/// <summary>Turns <c>--until HH:MM</c> and <c>--max-duration</c> into a deadline (the earlier wins).</summary>
internal static class RunWindow
{
    public static DateTimeOffset? Deadline(string? until, string? maxDuration, DateTimeOffset now)
    {
        DateTimeOffset? deadline = null;
        if (until is not null)
        {
            if (!TimeOnly.TryParseExact(until, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                throw new ConfigException($"--until: '{until}' is not a time of day HH:MM");
            }

            var today = new DateTimeOffset(now.Date + time.ToTimeSpan(), now.Offset);
            deadline = today > now ? today : today.AddDays(1);
        }

        if (maxDuration is not null)
        {
            var limit = now + ParseDuration(maxDuration);
            deadline = deadline is null || limit < deadline ? limit : deadline;
        }

        return deadline;
    }

    /// <summary>Any duration <see cref="Durations"/> accepts.</summary>
    public static TimeSpan ParseDuration(string text) => Durations.Parse(text, "--max-duration");
}
