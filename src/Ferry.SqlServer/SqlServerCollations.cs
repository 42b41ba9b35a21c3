using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// What a SQL Server collation ignores, read from its name: <c>_CI</c> case, <c>_AI</c> accents, and kana type and
/// width unless <c>_KS</c> or <c>_WS</c> say otherwise (Windows and SQL collations are kana- and width-insensitive
/// by default). Binary collations (<c>_BIN</c>, <c>_BIN2</c>) compare code points and ignore nothing. Other name
/// parts (version, <c>_SC</c>, <c>_UTF8</c>, <c>_VSS</c>) do not change equality of keys.
/// </summary>
internal static class SqlServerCollations
{
    public static TextInsensitivity Insensitivity(string? collation)
    {
        if (string.IsNullOrEmpty(collation))
        {
            return TextInsensitivity.None;
        }

        var parts = collation.ToUpperInvariant().Split('_').ToHashSet(StringComparer.Ordinal);
        if (parts.Contains("BIN") || parts.Contains("BIN2"))
        {
            return TextInsensitivity.None;
        }

        var result = TextInsensitivity.None;
        if (parts.Contains("CI"))
        {
            result |= TextInsensitivity.Case;
        }

        if (parts.Contains("AI"))
        {
            result |= TextInsensitivity.Accent;
        }

        if (!parts.Contains("KS"))
        {
            result |= TextInsensitivity.Kana;
        }

        if (!parts.Contains("WS"))
        {
            result |= TextInsensitivity.Width;
        }

        return result;
    }
}
