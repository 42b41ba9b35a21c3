namespace Ferry.Core.Model;

/// <summary>
/// Finds a table or column by a name a person or another district wrote. Catalog names are case-sensitive where the
/// source's catalog is (a case-sensitive SQL Server database, quoted PostgreSQL names), so <c>Code</c> and <c>CODE</c>
/// can be two columns: the exact spelling wins. A name that matches nothing exactly still finds the one name that
/// differs only in case (configuration is usually written without minding case, and case-insensitive catalogs do not
/// care); when several do, it finds none.
/// </summary>
public static class NameMatch
{
    public static T? Find<T>(IEnumerable<T> items, Func<T, string> name, string wanted)
        where T : class
    {
        T? exact = null, folded = null;
        var foldedCount = 0;
        foreach (var item in items)
        {
            var candidate = name(item);
            if (string.Equals(candidate, wanted, StringComparison.Ordinal))
            {
                exact = item;
                break;
            }

            if (string.Equals(candidate, wanted, StringComparison.OrdinalIgnoreCase))
            {
                folded = item;
                foldedCount++;
            }
        }

        return exact ?? (foldedCount == 1 ? folded : null);
    }

    /// <summary>The position of <paramref name="wanted"/> in <paramref name="names"/> by the same rule, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string wanted)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], wanted, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var folded = -1;
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], wanted, StringComparison.OrdinalIgnoreCase))
            {
                if (folded >= 0)
                {
                    return -1;
                }

                folded = i;
            }
        }

        return folded;
    }
}
