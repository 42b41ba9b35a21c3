using System.Text;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// T-SQL text for reading a legacy SQL Server database. Identifiers are bracket-quoted, values are <c>@p0</c>,
/// <c>@p1</c>, ... parameters. SQL Server has no row-value comparison, so a composite keyset bound is spelled out
/// as the lexicographic OR of prefixes, with seekable conditions on the key's leading columns ANDed in front (see
/// <see cref="Seek"/>).
/// </summary>
public sealed class SqlServerDialect : SourceDialect
{
    public override string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    /// <remarks>COUNT_BIG, not COUNT: COUNT(*) overflows an int on tables past 2^31 rows.</remarks>
    public override string CountRows(TableName table) => $"SELECT COUNT_BIG(*) FROM {Qualified(table)}";

    protected override string Above(IReadOnlyList<string> key, int first) => Bound(key, first, strict: ">", last: ">");

    protected override string AtMost(IReadOnlyList<string> key, int first) => Bound(key, first, strict: "<", last: "<=");

    /// <summary>
    /// Seekable conditions for a key of two or more columns (a single column's bound is itself a plain comparison):
    /// equality on the leading columns both bounds share, then the next column between its bound values. SQL Server
    /// seeks an index on an equality prefix plus one range, but not into the OR of the full bounds, and parameters
    /// hide from the optimizer that two bounds share a value, so the equality is spelled out.
    /// </summary>
    protected override string? Seek(IReadOnlyList<string> key, bool hasLower, bool hasUpper, int sharedPrefix)
    {
        if (key.Count == 1 || !(hasLower || hasUpper))
        {
            return null;
        }

        var upper = hasLower ? key.Count : 0;
        var terms = new List<string>();
        for (var i = 0; i < sharedPrefix; i++)
        {
            terms.Add($"{Quote(key[i])} = {Parameter(i)}");
        }

        if (hasLower)
        {
            terms.Add($"{Quote(key[sharedPrefix])} >= {Parameter(sharedPrefix)}");
        }

        if (hasUpper)
        {
            terms.Add($"{Quote(key[sharedPrefix])} <= {Parameter(upper + sharedPrefix)}");
        }

        return string.Join(" AND ", terms);
    }

    /// <summary>
    /// (k1, ..., kn) compared with parameters first..first+n-1: the OR over i of "equal on k1..k(i-1) and
    /// <paramref name="strict"/> on ki", with <paramref name="last"/> on the final column (which makes the upper
    /// bound inclusive).
    /// </summary>
    private string Bound(IReadOnlyList<string> key, int first, string strict, string last)
    {
        var terms = new List<string>();
        for (var i = 0; i < key.Count; i++)
        {
            var term = new StringBuilder();
            for (var j = 0; j < i; j++)
            {
                term.Append(Quote(key[j])).Append(" = ").Append(Parameter(first + j)).Append(" AND ");
            }

            term.Append(Quote(key[i])).Append(' ').Append(i == key.Count - 1 ? last : strict).Append(' ').Append(Parameter(first + i));
            terms.Add("(" + term + ")");
        }

        return key.Count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }
}
