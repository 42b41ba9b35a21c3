using System.Globalization;
using System.Text.Json;
using Ferry.Core.Casting;

namespace Ferry.Core.Planning;

/// <summary>
/// Exact, round-trippable text of key values for batch bounds (unlike <see cref="Mapping.CanonicalKey"/>, nothing is
/// normalised: a bound must compare exactly as the source compares). A JSON array of strings.
/// </summary>
public static class KeyBounds
{
    public static string Encode(IReadOnlyList<object> values) =>
        JsonSerializer.Serialize(values.Select(Format).ToArray());

    public static object[] Decode(string json, IReadOnlyList<ValueKind> kinds)
    {
        var parts = JsonSerializer.Deserialize<string[]>(json) ?? throw new FormatException($"bad key bound {json}");
        if (parts.Length != kinds.Count)
        {
            throw new FormatException($"key bound {json} has {parts.Length} values, the key has {kinds.Count} columns");
        }

        return parts.Select((p, i) => Parse(p, kinds[i])).ToArray();
    }

    /// <summary>
    /// How many leading values two bounds share. Exact equality only, so values the source may consider equal
    /// (<c>'ab'</c> and <c>'AB'</c> under a case-insensitive collation) count as different: a shorter prefix than the
    /// source would allow, never a longer one.
    /// </summary>
    public static int SharedPrefix(IReadOnlyList<object> lower, IReadOnlyList<object> upper)
    {
        var n = 0;
        while (n < lower.Count && n < upper.Count && Same(lower[n], upper[n]))
        {
            n++;
        }

        return n;
    }

    private static bool Same(object a, object b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : a.Equals(b);

    private static string Format(object value) => value switch
    {
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object Parse(string text, ValueKind kind) => kind switch
    {
        ValueKind.Int16 => short.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Int32 => int.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Int64 => long.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Decimal => decimal.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Double => double.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Single => float.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Boolean => text == "1",
        ValueKind.Uuid => Guid.Parse(text),
        ValueKind.Date => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ValueKind.Timestamp => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ValueKind.TimestampTz => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        ValueKind.Time or ValueKind.Interval => TimeSpan.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Bytes => Convert.FromBase64String(text),
        _ => text,
    };
}
