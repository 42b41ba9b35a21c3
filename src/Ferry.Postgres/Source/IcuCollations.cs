using Ferry.Core.Model;

namespace Ferry.Postgres.Source;

/// <summary>
/// What a PostgreSQL collation ignores when it compares for equality. Only a nondeterministic collation ignores
/// anything (a deterministic one breaks every tie by the bytes); with ICU its strength says what, through the
/// locale's <c>ks</c> keyword (<c>und-u-ks-level2</c>) or the older <c>@colStrength=secondary</c>: primary strength
/// ignores accents, case, width and kana type, secondary all but accents, and <c>kc-true</c> (case level) keeps
/// case apart at either. Tertiary and above tell all of these apart.
/// </summary>
internal static class IcuCollations
{
    public static TextInsensitivity Insensitivity(bool deterministic, string? icuLocale)
    {
        if (deterministic || string.IsNullOrEmpty(icuLocale))
        {
            return TextInsensitivity.None;
        }

        var locale = icuLocale.ToLowerInvariant();
        var result = locale.Contains("ks-level1", StringComparison.Ordinal) || locale.Contains("colstrength=primary", StringComparison.Ordinal)
            ? TextInsensitivity.Case | TextInsensitivity.Accent | TextInsensitivity.Width | TextInsensitivity.Kana
            : locale.Contains("ks-level2", StringComparison.Ordinal) || locale.Contains("colstrength=secondary", StringComparison.Ordinal)
                ? TextInsensitivity.Case | TextInsensitivity.Width | TextInsensitivity.Kana
                : TextInsensitivity.None;
        var caseLevel = locale.Contains("kc-true", StringComparison.Ordinal) || locale.EndsWith("-kc", StringComparison.Ordinal)
            || locale.Contains("colcaselevel=yes", StringComparison.Ordinal);
        return caseLevel ? result & ~TextInsensitivity.Case : result;
    }
}
