using System.Globalization;
using Ferry.Core.Model;

namespace Ferry.Core.Abstractions;

/// <summary>
/// The SQL both source dialects share. A dialect supplies its identifier quoting, its row count and how a keyset
/// bound is spelled (PostgreSQL compares row values; T-SQL has none and spells the comparison out), and may spell
/// some tables and key columns its own way (<see cref="From"/>, <see cref="KeyRead"/>, <see cref="Bound"/>). Every
/// alias goes through <see cref="Quote"/> like any other identifier.
/// </summary>
public abstract class SourceDialect : ISourceDialect
{
    public abstract string Quote(string identifier);

    public abstract string CountRows(TableName table);

    public string Qualified(TableName table) => Quote(table.Schema) + "." + Quote(table.Name);

    public string Parameter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return "@p" + index.ToString(CultureInfo.InvariantCulture);
    }

    public string SelectKeyBoundaries(TableName table, IReadOnlyList<string> key, int every)
    {
        RequireKey(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);

        // Positional aliases inside, so no legacy column name can collide with the row-number alias; the outer
        // query gives the key columns their names back. A key column read through another form (see KeyRead) is
        // selected in that form too, while the order stays the column's own.
        var read = key.Select(c => KeyRead(table, c, Quote(c))).ToList();
        var inner = string.Join(", ", key.Select((c, i) => $"{Quote(c)} AS {KeyAlias(i)}"
            + (read[i] == Quote(c) ? "" : $", {read[i]} AS {KeyAlias(i, "v")}")));
        var outer = string.Join(", ", key.Select((c, i) => $"{(read[i] == Quote(c) ? KeyAlias(i) : KeyAlias(i, "v"))} AS {Quote(c)}"));
        var outerOrder = string.Join(", ", key.Select((_, i) => KeyAlias(i)));
        return $"SELECT {outer} FROM (SELECT {inner}, ROW_NUMBER() OVER (ORDER BY {QuotedList(key)}) AS {Quote("rn")} "
            + $"FROM {From(table)} WHERE {NotNull(key)}) AS {Quote("keys")} "
            + $"WHERE {Quote("keys")}.{Quote("rn")} % {every.ToString(CultureInfo.InvariantCulture)} = 0 ORDER BY {outerOrder}";
    }

    public string SelectSpan(TableName table, string column) =>
        $"SELECT MIN({Quote(column)}) AS {Quote("lo")}, MAX({Quote(column)}) AS {Quote("hi")} FROM {From(table)}";

    public string SelectValues(TableName table, string column) =>
        $"SELECT {Quote(column)} FROM {From(table)} WHERE {Quote(column)} IS NOT NULL";

    public string SelectRange(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key, bool hasLower, bool hasUpper, int sharedPrefix = 0)
    {
        RequireColumns(columns);
        RequireKey(key);
        ArgumentOutOfRangeException.ThrowIfNegative(sharedPrefix);
        var where = new List<string> { NotNull(key) };
        if (Seek(table, key, hasLower, hasUpper, hasLower && hasUpper ? Math.Min(sharedPrefix, key.Count - 1) : 0) is { } seek)
        {
            where.Add(seek);
        }

        if (hasLower)
        {
            where.Add(Above(table, key, first: 0));
        }

        if (hasUpper)
        {
            where.Add(AtMost(table, key, first: hasLower ? key.Count : 0));
        }

        // No ORDER BY: nothing downstream depends on the order rows arrive in, and on a key that is not the
        // clustered index a sort of the whole batch would be paid (and spilled) for nothing.
        return $"SELECT {string.Join(", ", columns)} FROM {From(table)} WHERE {string.Join(" AND ", where)}";
    }

    public string SelectNullKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key)
    {
        RequireColumns(columns);
        RequireKey(key);
        var anyNull = string.Join(" OR ", key.Select(c => $"{Quote(c)} IS NULL"));
        return $"SELECT {string.Join(", ", columns)} FROM {From(table)} WHERE {anyNull}";
    }

    public string SelectThrough(TableName child, IReadOnlyList<string> childColumns, TableName parent, IReadOnlyList<string> parentColumns, string parentColumn)
    {
        RequireKey(childColumns);
        if (childColumns.Count != parentColumns.Count)
        {
            throw new ArgumentException("pair each child column with one parent column", nameof(parentColumns));
        }

        // The child is the outer query's table, named in full: the parent is aliased, so even when both are the
        // same table the full name can only mean the outer row.
        var p = Quote("p");
        var match = string.Join(" AND ", childColumns.Zip(parentColumns, (c, k) => $"{p}.{Quote(k)} = {Qualified(child)}.{Quote(c)}"));
        return $"(SELECT {p}.{Quote(parentColumn)} FROM {From(parent, p)} WHERE {match})";
    }

    public string SelectOrphanKeys(ForeignKeyInfo fk, IReadOnlyList<string> childKey)
    {
        ArgumentNullException.ThrowIfNull(fk);
        RequireKey(childKey);
        if (fk.Columns.Count == 0 || fk.Columns.Count != fk.ReferencedColumns.Count)
        {
            throw new ArgumentException($"foreign key {fk.Name} must pair each column with one referenced column", nameof(fk));
        }

        // Aliases keep a self-reference (parent and child the same table) unambiguous. No ORDER BY: callers
        // collect the result into a set, and sorting every orphan would be work for nothing.
        string child = Quote("c"), parent = Quote("p");
        var select = string.Join(", ", childKey.Select(c => $"{KeyRead(fk.Table, c, $"{child}.{Quote(c)}")} AS {Quote(c)}"));
        var present = string.Join(" AND ", fk.Columns.Select(c => $"{child}.{Quote(c)} IS NOT NULL"));
        var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, r) => $"{parent}.{Quote(r)} = {child}.{Quote(c)}"));
        return $"SELECT {select} FROM {From(fk.Table, child)} WHERE {present} "
            + $"AND NOT EXISTS (SELECT 1 FROM {From(fk.Referenced, parent)} WHERE {match})";
    }

    /// <summary>
    /// Conditions implied by the bounds that an index on the key can seek on, or null when the bounds themselves are
    /// seekable. <paramref name="sharedPrefix"/> leading key columns have equal values in both bounds (only when both
    /// are present), so every row of the range has those values too.
    /// </summary>
    protected virtual string? Seek(TableName table, IReadOnlyList<string> key, bool hasLower, bool hasUpper, int sharedPrefix) => null;

    /// <summary>The key is strictly above parameters first..first+n-1.</summary>
    protected abstract string Above(TableName table, IReadOnlyList<string> key, int first);

    /// <summary>The key is at most parameters first..first+n-1 (the inclusive upper bound).</summary>
    protected abstract string AtMost(TableName table, IReadOnlyList<string> key, int first);

    /// <summary>A table in a FROM clause, with its alias: where a dialect adds what that table needs (a hint).</summary>
    protected virtual string From(TableName table, string? alias = null) =>
        alias is null ? Qualified(table) : $"{Qualified(table)} AS {alias}";

    /// <summary>
    /// How a key column's value is selected when it will come back as a bound (<paramref name="expression"/> names the
    /// column): as it is, unless the client cannot bind the column's own type.
    /// </summary>
    protected virtual string KeyRead(TableName table, string column, string expression) => expression;

    /// <summary>The parameter a key column is compared with, in the form that compares with the column's own type.</summary>
    protected virtual string Bound(TableName table, string column, int parameter) => Parameter(parameter);

    protected string QuotedList(IReadOnlyList<string> key) => string.Join(", ", key.Select(Quote));

    private string NotNull(IReadOnlyList<string> key) => string.Join(" AND ", key.Select(c => $"{Quote(c)} IS NOT NULL"));

    private string KeyAlias(int i, string prefix = "k") => Quote(prefix + i.ToString(CultureInfo.InvariantCulture));

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
