namespace Ferry.Core.Reconciliation;

/// <summary>
/// The two values of one differing column of a changed row, as display text: <see cref="Legacy"/> is the source
/// value as verification read it (after the documented type mapping), <see cref="Target"/> what PostgreSQL holds;
/// null is SQL NULL. Texts longer than <see cref="MaxLength"/> characters are cut (<see cref="Truncated"/>), so a
/// report stays small whatever a column holds.
/// </summary>
public sealed record ValueDifference(string Column, string? Legacy, string? Target, bool Truncated = false)
{
    public const int MaxLength = 120;

    /// <summary>The display text of a value that did not convert to the target type, on the legacy side.</summary>
    public const string Unconvertible = "(does not convert to the target type)";

    public static ValueDifference Of(string column, string? legacy, string? target)
    {
        var cut = legacy?.Length > MaxLength || target?.Length > MaxLength;
        return new ValueDifference(column, Cut(legacy), Cut(target), cut);
    }

    // A surrogate pair is never split: a lone half would not encode as UTF-8.
    private static string? Cut(string? text)
    {
        if (text is null || text.Length <= MaxLength)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return text[..end] + "…";
    }
}
