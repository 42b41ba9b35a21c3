using System.Globalization;

namespace Ferry.Core.Configuration;

/// <summary>
/// The one duration syntax of every option and configuration key: units <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c> and
/// <c>ms</c> in that order, each at most once (<c>90m</c>, <c>1h30m</c>, <c>45s</c>, <c>1d</c>, <c>250ms</c>), or a clock
/// span <c>hh:mm:ss</c> (<c>h:mm:ss</c> too).
/// </summary>
public static class Durations
{
    public const string Examples = "90m, 1h30m, 45s, 1d or hh:mm:ss";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var t = text.Trim();
        if (TimeSpan.TryParseExact(t, [@"h\:mm\:ss", @"hh\:mm\:ss"], CultureInfo.InvariantCulture, out var clock))
        {
            duration = clock;
            return true;
        }

        string[] units = ["d", "h", "m", "s", "ms"];
        var next = 0;
        var i = 0;
        var any = false;
        while (i < t.Length)
        {
            var start = i;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                i++;
            }

            if (i == start || !long.TryParse(t.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unit = i + 1 < t.Length && t[i] == 'm' && t[i + 1] == 's' ? "ms" : i < t.Length ? t[i].ToString() : "";
            var index = Array.IndexOf(units, unit, next);
            if (index < 0)
            {
                return false;
            }

            i += unit.Length;
            next = index + 1;
            any = true;
            try
            {
                duration += unit switch
                {
                    "d" => TimeSpan.FromDays(number),
                    "h" => TimeSpan.FromHours(number),
                    "m" => TimeSpan.FromMinutes(number),
                    "s" => TimeSpan.FromSeconds(number),
                    _ => TimeSpan.FromMilliseconds(number),
                };
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>Parses a positive duration or throws a <see cref="ConfigException"/> naming <paramref name="what"/>.</summary>
    public static TimeSpan Parse(string text, string what)
    {
        if (!TryParse(text, out var duration))
        {
            throw new ConfigException($"{what}: '{text}' is not a duration such as {Examples}");
        }

        return duration > TimeSpan.Zero ? duration : throw new ConfigException($"{what}: '{text}' must be longer than zero");
    }
}
