using System.Globalization;

namespace Ferry.Cli.Output;

/// <summary>Counts short enough for an 80-column table: <c>9,999</c>, <c>12.3k</c>, <c>4.56M</c>, <c>1.20G</c>.</summary>
internal static class CompactNumber
{
    public static string Format(double value) => value switch
    {
        < 10_000 => value.ToString("N0", CultureInfo.InvariantCulture),
        < 1_000_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        < 1_000_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        _ => (value / 1_000_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "G",
    };
}
