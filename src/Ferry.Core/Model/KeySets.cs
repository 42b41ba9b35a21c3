namespace Ferry.Core.Model;

/// <summary>
/// Unique keys as a table's consumers want them: each column set once, and not the primary key again. A unique
/// constraint and a unique index over the same columns (in any order) are the same key.
/// </summary>
public static class KeySets
{
    public static IReadOnlyList<IReadOnlyList<string>> Distinct(IEnumerable<IReadOnlyList<string>> keys, IReadOnlyList<string>? primaryKey)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (primaryKey is not null)
        {
            seen.Add(Signature(primaryKey));
        }

        return keys.Where(k => seen.Add(Signature(k))).ToList();
    }

    // A NUL cannot occur in an identifier, so it separates names unambiguously.
    private static string Signature(IEnumerable<string> columns) =>
        string.Join('\0', columns.Order(StringComparer.OrdinalIgnoreCase));
}
