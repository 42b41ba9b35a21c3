using System.Text;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// T-SQL text for reading a legacy SQL Server database. Identifiers are bracket-quoted, values are <c>@p0</c>,
/// <c>@p1</c>, ... parameters. SQL Server has no row-value comparison, so a composite keyset bound is spelled out
/// as the lexicographic OR of prefixes, with the leading column also compared on its own so the optimizer can seek.
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
    /// (k1, ..., kn) compared with parameters first..first+n-1: the OR over i of "equal on k1..k(i-1) and
    /// <paramref name="strict"/> on ki", with <paramref name="last"/> on the final column (which makes the upper
    /// bound inclusive). For two or more columns the leading column's non-strict comparison is ANDed in front: it is
    /// implied by the OR, but it is the part an index seek can use.
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

        if (key.Count == 1)
        {
            return terms[0];
        }

        var seek = $"{Quote(key[0])} {strict}= {Parameter(first)}";
        return $"({seek} AND ({string.Join(" OR ", terms)}))";
    }
}
