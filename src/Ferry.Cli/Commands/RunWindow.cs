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

    /// <summary>Accepts <c>90m</c>, <c>2h</c>, <c>45s</c>, <c>1h30m</c> or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        if (TimeSpan.TryParseExact(text, @"h\:mm\:ss", CultureInfo.InvariantCulture, out var exact) || TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out exact))
        {
            return exact;
        }

        var total = TimeSpan.Zero;
        var number = 0L;
        var any = false;
        foreach (var c in text.Trim())
        {
            if (char.IsDigit(c))
            {
                number = (number * 10) + (c - '0');
                any = true;
                continue;
            }

            total += c switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                _ => throw new ConfigException($"--max-duration: '{text}' is not a duration such as 90m, 2h or 1h30m"),
            };
            number = 0;
        }

        return any && number == 0 && total > TimeSpan.Zero
            ? total
            : throw new ConfigException($"--max-duration: '{text}' is not a duration such as 90m, 2h or 1h30m");
    }
}
