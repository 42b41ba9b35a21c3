using System.Globalization;

namespace Ferry.Core.Values;

/// <summary>
/// A value as a report shows it beside the value it should equal: invariant culture, ISO dates and times, bytes in
/// PostgreSQL's hex form (<c>\x0a1b</c>), floating point in its shortest round-trip form, text as it is.
/// </summary>
public static class DisplayText
{
    public static string Of<T>(T value) where T : notnull => value switch
    {
        string s => s,
        byte[] b => "\\x" + Convert.ToHexStringLower(b),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
