using Ferry.Core.Casting;
using Ferry.Core.Mapping;
using Ferry.Core.Model;

namespace Ferry.Core.Tests.Mapping;

/// <summary>Strings a collation considers equal fold to one spelling; strings it keeps apart do not.</summary>
public class TextFoldingTests
{
    private const TextInsensitivity Case = TextInsensitivity.Case;
    private const TextInsensitivity Accent = TextInsensitivity.Accent;
    private const TextInsensitivity Width = TextInsensitivity.Width;
    private const TextInsensitivity Kana = TextInsensitivity.Kana;
    private const TextInsensitivity SqlDefault = Case | Width | Kana;

    [Theory]
    [InlineData("ABC", "abc", SqlDefault)]
    [InlineData("CO-OP", "co-op", SqlDefault)]
    [InlineData("Élève", "eleve", Case | Accent)]
    [InlineData("Garçon", "garcon", Accent | Case)]
    [InlineData("ＡＢＣ１２", "abc12", SqlDefault)]
    [InlineData("ｶﾞｯｺｳ", "ガッコウ", Width)]
    [InlineData("がっこう", "ガッコウ", Kana)]
    [InlineData("ｶﾞｯｺｳ", "がっこう", Width | Kana)]
    [InlineData("e\u0301", "é", Case)]
    public void Equal_under_the_collation_fold_alike(string a, string b, TextInsensitivity insensitive)
    {
        Assert.Equal(TextFolding.Fold(a, insensitive), TextFolding.Fold(b, insensitive));
    }

    [Theory]
    [InlineData("abc", "ABC", Accent | Width | Kana)]
    [InlineData("élève", "eleve", SqlDefault)]
    [InlineData("ＡＢＣ", "ABC", Case | Kana)]
    [InlineData("がっこう", "ガッコウ", Case | Width)]
    [InlineData("abc", "abd", Case | Accent | Width | Kana)]
    public void Different_under_the_collation_stay_different(string a, string b, TextInsensitivity insensitive)
    {
        Assert.NotEqual(TextFolding.Fold(a, insensitive), TextFolding.Fold(b, insensitive));
    }

    [Fact]
    public void Sharp_s_is_not_folded_to_double_s()
    {
        // ß has no one-letter capital: a collation may equate it with SS, folding leaves them apart, so such keys
        // would be reported as orphans rather than joined to a parent they might not mean (see TextFolding).
        Assert.NotEqual(TextFolding.Fold("Straße", Case), TextFolding.Fold("STRASSE", Case));
    }

    [Fact]
    public void Sensitive_collation_keeps_the_text_as_it_is()
    {
        const string text = "ＡBé が";

        Assert.Same(text, TextFolding.Fold(text, TextInsensitivity.None));
    }

    [Fact]
    public void Ascii_text_without_capitals_is_returned_as_it_is()
    {
        const string text = "s00017-x";

        Assert.Same(text, TextFolding.Fold(text, SqlDefault));
    }

    [Fact]
    public void Canonical_key_of_values_folds_text_per_column()
    {
        object[] values = ["ABC", "ABC", 7];
        ValueKind[] kinds = [ValueKind.Text, ValueKind.Text, ValueKind.Int32];

        Assert.Equal("abc|ABC|7", CanonicalKey.Of(values, kinds, [Case, TextInsensitivity.None, TextInsensitivity.None]));
        Assert.Equal("ABC|ABC|7", CanonicalKey.Of(values, kinds));
    }
}
