namespace Ferry.Sample.Families;

/// <summary>A parsed reference of an <see cref="EntitySpec"/>: <c>[?][~][Column=]Table</c>.</summary>
internal sealed record ReferenceSpec(string Column, string Table, bool Nullable, bool Declared)
{
    public static ReferenceSpec Parse(string text)
    {
        var nullable = false;
        var declared = true;
        var i = 0;
        for (; i < text.Length && text[i] is '?' or '~'; i++)
        {
            nullable |= text[i] == '?';
            declared &= text[i] != '~';
        }

        var rest = text[i..];
        var eq = rest.IndexOf('=', StringComparison.Ordinal);
        var table = eq < 0 ? rest : rest[(eq + 1)..];
        return new ReferenceSpec(eq < 0 ? table + "Id" : rest[..eq], table, nullable, declared);
    }
}
