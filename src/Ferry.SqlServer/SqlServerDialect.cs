using System.Globalization;
using System.Text;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// T-SQL text for reading a legacy SQL Server database. Identifiers are bracket-quoted, values are <c>@p0</c>,
/// <c>@p1</c>, ... parameters. SQL Server has no row-value comparison, so a composite keyset bound is spelled out
/// as the lexicographic OR of prefixes, with the leading column also compared on its own so the optimizer can seek.
/// </summary>
public sealed class SqlServerDialect : ISourceDialect
{
    public string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    public string Qualified(TableName table) => Quote(table.Schema) + "." + Quote(table.Name);

    public string Parameter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return "@p" + index.ToString(CultureInfo.InvariantCulture);
    }

    /// <remarks>COUNT_BIG, not COUNT: COUNT(*) overflows an int on tables past 2^31 rows.</remarks>
    public string CountRows(TableName table) => $"SELECT COUNT_BIG(*) FROM {Qualified(table)}";

    public string SelectKeyBoundaries(TableName table, IReadOnlyList<string> key, int every)
    {
        RequireKey(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);

        // The inner query renames the key columns to positional aliases so that no legacy column name can collide
        // with the row-number alias; the outer query gives them their names back.
        var inner = string.Join(", ", key.Select((c, i) => $"{Quote(c)} AS {KeyAlias(i)}"));
        var outer = string.Join(", ", key.Select((c, i) => $"{KeyAlias(i)} AS {Quote(c)}"));
        var innerOrder = string.Join(", ", key.Select(Quote));
        var outerOrder = string.Join(", ", key.Select((_, i) => KeyAlias(i)));
        return $"SELECT {outer} FROM (SELECT {inner}, ROW_NUMBER() OVER (ORDER BY {innerOrder}) AS [rn] "
            + $"FROM {Qualified(table)} WHERE {NotNull(key)}) AS [keys] "
            + $"WHERE [keys].[rn] % {every.ToString(CultureInfo.InvariantCulture)} = 0 ORDER BY {outerOrder}";
    }

    public string SelectRange(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key, bool hasLower, bool hasUpper)
    {
        RequireColumns(columns);
        RequireKey(key);
        var where = new List<string> { NotNull(key) };
        if (hasLower)
        {
            where.Add(Bound(key, first: 0, strict: ">", last: ">"));
        }

        if (hasUpper)
        {
            where.Add(Bound(key, first: hasLower ? key.Count : 0, strict: "<", last: "<="));
        }

        return $"SELECT {string.Join(", ", columns)} FROM {Qualified(table)} WHERE {string.Join(" AND ", where)} "
            + $"ORDER BY {string.Join(", ", key.Select(Quote))}";
    }

    public string SelectNullKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key)
    {
        RequireColumns(columns);
        RequireKey(key);
        var anyNull = string.Join(" OR ", key.Select(c => $"{Quote(c)} IS NULL"));
        return $"SELECT {string.Join(", ", columns)} FROM {Qualified(table)} WHERE {anyNull}";
    }

    public string SelectOrphanKeys(ForeignKeyInfo fk, IReadOnlyList<string> childKey)
    {
        ArgumentNullException.ThrowIfNull(fk);
        RequireKey(childKey);
        if (fk.Columns.Count == 0 || fk.Columns.Count != fk.ReferencedColumns.Count)
        {
            throw new ArgumentException($"foreign key {fk.Name} must pair each column with one referenced column", nameof(fk));
        }

        // Aliases keep a self-reference (parent and child the same table) unambiguous.
        const string child = "[c]", parent = "[p]";
        var select = string.Join(", ", childKey.Select(c => $"{child}.{Quote(c)}"));
        var present = string.Join(" AND ", fk.Columns.Select(c => $"{child}.{Quote(c)} IS NOT NULL"));
        var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, r) => $"{parent}.{Quote(r)} = {child}.{Quote(c)}"));
        return $"SELECT {select} FROM {Qualified(fk.Table)} AS {child} WHERE {present} "
            + $"AND NOT EXISTS (SELECT 1 FROM {Qualified(fk.Referenced)} AS {parent} WHERE {match}) "
            + $"ORDER BY {select}";
    }

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

    private string NotNull(IReadOnlyList<string> key) => string.Join(" AND ", key.Select(c => $"{Quote(c)} IS NOT NULL"));

    private static string KeyAlias(int i) => "[k" + i.ToString(CultureInfo.InvariantCulture) + "]";

    private static void RequireKey(IReadOnlyList<string> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Count == 0)
        {
            throw new ArgumentException("a key needs at least one column", nameof(key));
        }
    }

    private static void RequireColumns(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("select at least one column", nameof(columns));
        }
    }
}
