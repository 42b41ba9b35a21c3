using System.Globalization;

namespace Ferry.Reports.Html;

/// <summary>Numbers, durations and times as the page shows them: invariant culture, UTC.</summary>
internal static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string N(long n) => n.ToString("N0", Inv);

    public static string N(double n) => n.ToString("N0", Inv);

    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 1 ? $"{t.TotalMilliseconds.ToString("0", Inv)} ms"
        : t.TotalSeconds < 120 ? $"{t.TotalSeconds.ToString("0.0", Inv)} s"
        : t.TotalMinutes < 120 ? $"{t.TotalMinutes.ToString("0.0", Inv)} min"
        : $"{t.TotalHours.ToString("0.0", Inv)} h";

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Inv);

    /// <summary>A count for a chart axis: 1,234 as 1.2k, 3,400,000 as 3.4M.</summary>
    public static string Short(double n) =>
        n >= 1e9 ? (n / 1e9).ToString("0.#", Inv) + "G"
        : n >= 1e6 ? (n / 1e6).ToString("0.#", Inv) + "M"
        : n >= 1e3 ? (n / 1e3).ToString("0.#", Inv) + "k"
        : n.ToString("0", Inv);

    /// <summary>A checksum cut to its first 12 hex digits for the table; the whole one is in the cell's title.</summary>
    public static string Checksum(string hex) => hex.Length > 12 ? hex[..12] + "…" : hex;

    /// <summary>A number in SVG coordinates: invariant, at most two decimals.</summary>
    public static string Svg(double n) => Math.Round(n, 2).ToString(Inv);
}
