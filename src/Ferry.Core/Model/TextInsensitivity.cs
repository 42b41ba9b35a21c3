namespace Ferry.Core.Model;

/// <summary>
/// The differences a text column's collation ignores when it compares two strings for equality (trailing spaces
/// aside, which every SQL Server comparison ignores). A key or reference compared under such a collation equals
/// spellings that differ only in these ways, so ids must be derived from a spelling with them folded away (see
/// <see cref="Mapping.TextFolding"/>).
/// </summary>
[Flags]
public enum TextInsensitivity
{
    None = 0,

    /// <summary><c>abc</c> = <c>ABC</c>.</summary>
    Case = 1,

    /// <summary><c>élève</c> = <c>eleve</c>.</summary>
    Accent = 2,

    /// <summary>Full-width <c>ＡＢＣ</c> = <c>ABC</c>; half-width katakana = full-width katakana.</summary>
    Width = 4,

    /// <summary>Hiragana <c>あ</c> = katakana <c>ア</c>.</summary>
    Kana = 8,
}
