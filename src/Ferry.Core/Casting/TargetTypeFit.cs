using System.Globalization;
using System.Text.RegularExpressions;

namespace Ferry.Core.Casting;

/// <summary>
/// Whether every value of one PostgreSQL type fits another unchanged: the same type, a wider one of its family
/// (<c>smallint</c> into <c>bigint</c>, <c>varchar(20)</c> into <c>varchar(50)</c> or <c>text</c>, <c>numeric(9,2)</c> into
/// <c>numeric(12,4)</c>, <c>timestamp(3)</c> into <c>timestamp(6)</c>). Used to check that a district whose legacy column
/// differs from the first district's still loads into the table mapped from the first. Pure.
/// </summary>
public static partial class TargetTypeFit
{
    private static readonly string[] Integers = ["smallint", "integer", "bigint"];

    private static readonly string[] Texts = ["char", "varchar", "text"];

    private static readonly string[] Temporal = ["time", "timetz", "timestamp", "timestamptz", "interval"];

    public static bool Fits(string type, string into)
    {
        var (from, a, b) = Parse(type);
        var (to, c, d) = Parse(into);
        if (TargetTypeName.Same(type, into))
        {
            return true;
        }

        if (Array.IndexOf(Integers, from) is >= 0 and var i && Array.IndexOf(Integers, to) is >= 0 and var j)
        {
            return i <= j;
        }

        if (Array.IndexOf(Texts, from) >= 0 && Array.IndexOf(Texts, to) >= 0)
        {
            // A char(n) value is padded to n, so it fits any type of at least n characters; anything else stored into
            // char would be padded, a changed value. varchar without a length is unbounded, as text.
            return (to != "char" || from == "char") && Length(from, a) <= Length(to, c);
        }

        return (from, to) switch
        {
            ("real", "double precision") => true,
            ("numeric", "numeric") => c is null || (a is { } p && p - (b ?? 0) <= c - (d ?? 0) && (b ?? 0) <= (d ?? 0)),
            _ when from == to && Array.IndexOf(Temporal, from) >= 0 => (a ?? 6) <= (c ?? 6),
            _ => false,
        };
    }

    private static long Length(string text, int? length) => text == "text" || (text == "varchar" && length is null) ? long.MaxValue : length ?? 1;

    /// <summary>The base name and up to two arguments of a normalised type: <c>numeric(12,4)</c> gives (numeric, 12, 4).</summary>
    private static (string Name, int? First, int? Second) Parse(string type)
    {
        var match = Shape().Match(TargetTypeName.Normalise(type));
        return !match.Success
            ? (TargetTypeName.Normalise(type), null, null)
            : (match.Groups[1].Value, Int(match.Groups[2]), Int(match.Groups[3]));
    }

    private static int? Int(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?$")]
    private static partial Regex Shape();
}
