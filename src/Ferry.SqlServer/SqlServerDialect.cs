using System.Text;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// T-SQL text for reading a legacy SQL Server database. Identifiers are bracket-quoted, values are <c>@p0</c>,
/// <c>@p1</c>, ... parameters. SQL Server has no row-value comparison, so a composite keyset bound is spelled out
/// as the lexicographic OR of prefixes, with seekable conditions on the key's leading columns ANDed in front (see
/// <see cref="Seek"/>). Made for one database's <see cref="SourceSchema"/>, it also spells what differs per table:
/// a memory-optimized table is read WITH (SNAPSHOT), the isolation In-Memory OLTP supports inside a READ COMMITTED
/// transaction; a <c>hierarchyid</c> key column (a FileTable's <c>path_locator</c> is one) is selected as its text
/// path and compared with the bound cast back to hierarchyid, so order and comparison stay the column's own.
/// </summary>
public sealed class SqlServerDialect(SourceSchema? schema = null) : SourceDialect
{
    public override string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    /// <remarks>COUNT_BIG, not COUNT: COUNT(*) overflows an int on tables past 2^31 rows.</remarks>
    public override string CountRows(TableName table) => $"SELECT COUNT_BIG(*) FROM {From(table)}";

    protected override string Above(TableName table, IReadOnlyList<string> key, int first) => Bound(table, key, first, strict: ">", last: ">");

    protected override string AtMost(TableName table, IReadOnlyList<string> key, int first) => Bound(table, key, first, strict: "<", last: "<=");

    protected override string From(TableName table, string? alias = null) =>
        base.From(table, alias) + (schema?.Find(table) is { MemoryOptimized: true } ? " WITH (SNAPSHOT)" : "");

    protected override string KeyRead(TableName table, string column, string expression) =>
        IsHierarchyId(table, column) ? $"CAST({expression} AS nvarchar(4000))" : expression;

    protected override string Bound(TableName table, string column, int parameter) =>
        IsHierarchyId(table, column) ? $"CAST({Parameter(parameter)} AS hierarchyid)" : Parameter(parameter);

    /// <summary>
    /// Seekable conditions for a key of two or more columns (a single column's bound is itself a plain comparison):
    /// equality on the leading columns both bounds share, then the next column between its bound values. SQL Server
    /// seeks an index on an equality prefix plus one range, but not into the OR of the full bounds, and parameters
    /// hide from the optimizer that two bounds share a value, so the equality is spelled out.
    /// </summary>
    protected override string? Seek(TableName table, IReadOnlyList<string> key, bool hasLower, bool hasUpper, int sharedPrefix)
    {
        if (key.Count == 1 || !(hasLower || hasUpper))
        {
            return null;
        }

        var upper = hasLower ? key.Count : 0;
        var terms = new List<string>();
        for (var i = 0; i < sharedPrefix; i++)
        {
            terms.Add($"{Quote(key[i])} = {Bound(table, key[i], i)}");
        }

        if (hasLower)
        {
            terms.Add($"{Quote(key[sharedPrefix])} >= {Bound(table, key[sharedPrefix], sharedPrefix)}");
        }

        if (hasUpper)
        {
            terms.Add($"{Quote(key[sharedPrefix])} <= {Bound(table, key[sharedPrefix], upper + sharedPrefix)}");
        }

        return string.Join(" AND ", terms);
    }

    private bool IsHierarchyId(TableName table, string column) =>
        schema?.Find(table)?.Column(column) is { DataType: "hierarchyid" };

    /// <summary>
    /// (k1, ..., kn) compared with parameters first..first+n-1: the OR over i of "equal on k1..k(i-1) and
    /// <paramref name="strict"/> on ki", with <paramref name="last"/> on the final column (which makes the upper
    /// bound inclusive).
    /// </summary>
    private string Bound(TableName table, IReadOnlyList<string> key, int first, string strict, string last)
    {
        var terms = new List<string>();
        for (var i = 0; i < key.Count; i++)
        {
            var term = new StringBuilder();
            for (var j = 0; j < i; j++)
            {
                term.Append(Quote(key[j])).Append(" = ").Append(Bound(table, key[j], first + j)).Append(" AND ");
            }

            term.Append(Quote(key[i])).Append(' ').Append(i == key.Count - 1 ? last : strict).Append(' ').Append(Bound(table, key[i], first + i));
            terms.Add("(" + term + ")");
        }

        return key.Count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }
}
