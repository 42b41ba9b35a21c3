using System.Globalization;
using System.Text;

namespace Ferry.Core.Values;

/// <summary>
/// Exact decimal numbers as text, for values beyond <see cref="decimal"/> (SQL Server decimal(38), PostgreSQL
/// numeric with up to 131072 digits) and for text that a reviewed mapping turns into numbers. The canonical form is
/// one spelling per value: an optional <c>-</c>, the integer digits without leading zeros (at least one), and the
/// fraction without trailing zeros (no point when none is left); zero is <c>0</c>; <c>NaN</c>, <c>Infinity</c> and
/// <c>-Infinity</c> as PostgreSQL spells them. Accepted input: optional sign, digits with at most one point, at least
/// one digit, surrounding white space; no exponent, no group separators, whatever the culture.
/// </summary>
public static class DecimalText
{
    /// <summary>The canonical form of <paramref name="text"/>, or false when it is not a number as documented above.</summary>
    public static bool TryNormalise(ReadOnlySpan<char> text, out string canonical) => TryNormalise(text, null, out canonical);

    /// <summary>
    /// As <see cref="TryNormalise(ReadOnlySpan{char}, out string)"/>, first rounding the fraction half away from zero to
    /// <paramref name="scale"/> digits when it has more, as PostgreSQL does when a value enters <c>numeric(p,s)</c>.
    /// </summary>
    public static bool TryNormalise(ReadOnlySpan<char> text, int? scale, out string canonical)
    {
        canonical = "";
        var t = text.Trim();
        if (t.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            canonical = "NaN";
            return true;
        }

        var negative = false;
        if (t.Length > 0 && t[0] is '-' or '+')
        {
            negative = t[0] == '-';
            t = t[1..];
        }

        if (t.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || t.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            canonical = negative ? "-Infinity" : "Infinity";
            return true;
        }

        var point = t.IndexOf('.');
        var whole = point < 0 ? t : t[..point];
        var fraction = point < 0 ? [] : t[(point + 1)..];
        if (whole.Length + fraction.Length == 0 || !AllDigits(whole) || !AllDigits(fraction))
        {
            return false;
        }

        var digits = new StringBuilder(whole.Length + fraction.Length + 1);
        digits.Append(whole).Append(fraction);
        var fractionDigits = fraction.Length;
        if (scale is { } s && s >= 0 && fractionDigits > s)
        {
            var roundUp = digits[digits.Length - fractionDigits + s] >= '5';
            digits.Length -= fractionDigits - s;
            fractionDigits = s;
            if (roundUp)
            {
                Increment(digits);
            }
        }

        canonical = Format(digits, fractionDigits, negative);
        return true;
    }

    /// <summary>The canonical form of a <see cref="decimal"/>, the same spelling <see cref="TryNormalise(ReadOnlySpan{char}, out string)"/> gives.</summary>
    public static string Of(decimal value)
    {
        Span<char> buffer = stackalloc char[40];
        value.TryFormat(buffer, out var n, "0.############################", CultureInfo.InvariantCulture);
        return TryNormalise(buffer[..n], out var canonical) ? canonical : throw new InvalidOperationException($"decimal {value} did not format as a number");
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds one unit in the last place of a digit string, carrying leftwards (growing it on overflow).</summary>
    private static void Increment(StringBuilder digits)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (digits[i] != '9')
            {
                digits[i]++;
                return;
            }

            digits[i] = '0';
        }

        digits.Insert(0, '1');
    }

    private static string Format(StringBuilder digits, int fractionDigits, bool negative)
    {
        var all = digits.ToString();
        var whole = all[..^fractionDigits].TrimStart('0');
        var fraction = all[^fractionDigits..].TrimEnd('0');
        if (whole.Length == 0)
        {
            whole = "0";
        }

        if (whole == "0" && fraction.Length == 0)
        {
            return "0";
        }

        return (negative ? "-" : "") + whole + (fraction.Length > 0 ? "." + fraction : "");
    }
}
