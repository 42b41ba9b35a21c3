using System.Globalization;
using System.Text;

namespace Ferry.Core.Values;

/// <summary>
/// The culture-invariant rules by which legacy text becomes a typed value, when a reviewed mapping retypes a text
/// column (or a source hands over a number as its exact text). Surrounding white space is ignored; anything else
/// that does not match a rule is a bad value, quarantined with its original text. The README documents each rule:
/// <list type="bullet">
/// <item>date: <c>yyyy-MM-dd</c>;</item>
/// <item>time: <c>HH:mm</c>, <c>HH:mm:ss</c>, with up to seven fractional digits;</item>
/// <item>timestamp: a date and a time separated by <c>T</c> or a space (or a date alone: midnight);</item>
/// <item>timestamptz: as timestamp, followed by <c>Z</c> or an offset <c>+hh:mm</c> / <c>-hh:mm</c>; without one the
/// value is taken as UTC;</item>
/// <item>integers: an optional sign and decimal digits, within the type's range;</item>
/// <item>numeric: an optional sign, digits with at most one point, or NaN (see <see cref="DecimalText"/>);</item>
/// <item>real and double precision: decimal or exponent notation, <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>;</item>
/// <item>boolean: <c>1 0 true false t f yes no y n</c>, any case;</item>
/// <item>uuid: 32 hex digits, with or without hyphens and braces.</item>
/// </list>
/// </summary>
public static class TextValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats = TimestampFormats.Skip(1).SelectMany(f => new[] { f + "K", f + "zzz" }).ToArray();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DateOnly Date(string text) =>
        DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", Inv, DateTimeStyles.None);

    public static TimeSpan Time(string text) =>
        DateTime.ParseExact(text.Trim(), TimeFormats, Inv, DateTimeStyles.NoCurrentDateDefault).TimeOfDay;

    public static DateTime Timestamp(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text.Trim(), TimestampFormats, Inv, DateTimeStyles.None), DateTimeKind.Unspecified);

    public static DateTime TimestampTz(string text)
    {
        var t = text.Trim();
        return DateTimeOffset.TryParseExact(t, OffsetFormats, Inv, DateTimeStyles.None, out var withOffset)
            ? withOffset.UtcDateTime
            : DateTime.SpecifyKind(Timestamp(t), DateTimeKind.Utc);
    }

    public static short Int16(string text) => short.Parse(text.Trim(), NumberStyles.AllowLeadingSign, Inv);

    public static int Int32(string text) => int.Parse(text.Trim(), NumberStyles.AllowLeadingSign, Inv);

    public static long Int64(string text) => long.Parse(text.Trim(), NumberStyles.AllowLeadingSign, Inv);

    public static NumericString Number(string text) =>
        DecimalText.TryNormalise(text, out var canonical) ? new NumericString(canonical) : throw new FormatException($"'{text}' is not a number");

    public static float Single(string text) => float.Parse(Float(text), NumberStyles.Float, Inv);

    public static double Double(string text) => double.Parse(Float(text), NumberStyles.Float, Inv);

    public static bool Boolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "t" or "y" or "yes" => true,
        "0" or "false" or "f" or "n" or "no" => false,
        _ => throw new FormatException($"'{text}' is not a boolean"),
    };

    public static Guid Uuid(string text) => Guid.Parse(text.Trim());

    /// <summary>Bytes that must be UTF-8 text; otherwise a bad value shown as <c>\x</c> and hex, as PostgreSQL shows bytea.</summary>
    public static string Utf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new UnconvertibleValueException("not valid UTF-8", "\\x" + Convert.ToHexStringLower(bytes));
        }
    }

    // .NET spells the infinities with a symbol by default; PostgreSQL and SQL Server spell them out.
    private static string Float(string text) => text.Trim() switch
    {
        var t when t.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || t.Equals("+Infinity", StringComparison.OrdinalIgnoreCase) => "Infinity",
        var t when t.Equals("-Infinity", StringComparison.OrdinalIgnoreCase) => "-Infinity",
        var t => t,
    };
}
