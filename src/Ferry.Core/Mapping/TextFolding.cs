using System.Globalization;
using System.Text;
using Ferry.Core.Model;

namespace Ferry.Core.Mapping;

/// <summary>
/// One spelling for every string a collation considers equal, so a child's reference written <c>abc</c> derives the
/// same id as its parent's key <c>ABC</c> under a case-insensitive collation. Built only from Unicode data that does
/// not change between releases (normalization, simple case mappings, the fixed width and kana blocks), never from a
/// collation's sort keys, which differ between library versions: the same key must give the same id on every machine.
/// It approximates the source's collation: strings it folds alike that the collation keeps apart (rare: <c>ß</c> and
/// <c>ss</c> are not folded; dotless <c>ı</c> and <c>i</c> are) become duplicate keys, which are quarantined, not lost.
/// Pure ASCII text, the usual key, takes a loop over its characters and nothing else.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text, TextInsensitivity insensitive)
    {
        if (insensitive == TextInsensitivity.None)
        {
            return text;
        }

        if (Ascii.IsValid(text))
        {
            // Accents, width and kana do not occur in ASCII; only case can.
            return (insensitive & TextInsensitivity.Case) != 0 && text.AsSpan().ContainsAnyInRange('A', 'Z') ? LowerAscii(text) : text;
        }

        var folded = text.Normalize(NormalizationForm.FormC);
        if ((insensitive & TextInsensitivity.Width) != 0)
        {
            folded = Map(folded, WidthFolded);
        }

        if ((insensitive & TextInsensitivity.Accent) != 0)
        {
            var builder = new StringBuilder(folded.Length);
            foreach (var c in folded.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(c);
                }
            }

            folded = builder.ToString();
        }

        if ((insensitive & TextInsensitivity.Kana) != 0)
        {
            folded = Map(folded, c => c is >= '\u3041' and <= '\u3096' or '\u309D' or '\u309E' ? ((char)(c + 0x60)).ToString() : null);
        }

        if ((insensitive & TextInsensitivity.Case) != 0)
        {
            // Upper then lower merges both directions of the simple case mappings (k, K and the Kelvin sign K).
            folded = Map(folded, c => char.ToLowerInvariant(char.ToUpperInvariant(c)) is var f && f != c ? f.ToString() : null);
        }

        return folded.Normalize(NormalizationForm.FormC);
    }

    private static string LowerAscii(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }
    });

    /// <summary>Full-width forms to their ASCII twins, half-width katakana and Hangul to full width, the ideographic space to a space.</summary>
    private static string? WidthFolded(char c) =>
        c is '\u3000' or (>= '\uFF01' and <= '\uFFEE') ? c.ToString().Normalize(NormalizationForm.FormKC) : null;

    private static string Map(string text, Func<char, string?> map)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = map(text[i]);
            if (replacement is null)
            {
                builder?.Append(text[i]);
                continue;
            }

            builder ??= new StringBuilder(text.Length).Append(text, 0, i);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? text;
    }
}
