using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.Postgres.Source;

/// <summary>
/// SQL for reading a PostgreSQL database that stands in for a legacy SQL Server. Identifiers are double-quoted,
/// values are <c>@p0</c>, <c>@p1</c>, ... (Npgsql rewrites named placeholders). Keyset bounds are row-value
/// comparisons, <c>("a", "b") &gt; (@p0, @p1)</c>, which a b-tree index on the key serves directly.
/// </summary>
public sealed class PostgresSourceDialect : ISourceDialect
{
    public string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return PgIdentifier.Quote(identifier);
    }

    public string Qualified(TableName table) => Quote(table.Schema) + "." + Quote(table.Name);

    public string Parameter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return "@p" + index.ToString(CultureInfo.InvariantCulture);
    }

    public string CountRows(TableName table) => $"SELECT COUNT(*) FROM {Qualified(table)}";

    public string SelectKeyBoundaries(TableName table, IReadOnlyList<string> key, int every)
    {
        RequireKey(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);

        // Positional aliases inside, so no legacy column name can collide with the row-number alias.
        var inner = string.Join(", ", key.Select((c, i) => $"{Quote(c)} AS {KeyAlias(i)}"));
        var outer = string.Join(", ", key.Select((c, i) => $"{KeyAlias(i)} AS {Quote(c)}"));
        var outerOrder = string.Join(", ", key.Select((_, i) => KeyAlias(i)));
        return $"SELECT {outer} FROM (SELECT {inner}, ROW_NUMBER() OVER (ORDER BY {QuotedList(key)}) AS rn "
            + $"FROM {Qualified(table)} WHERE {NotNull(key)}) AS keys "
            + $"WHERE keys.rn % {every.ToString(CultureInfo.InvariantCulture)} = 0 ORDER BY {outerOrder}";
    }

    public string SelectRange(TableName table, IReadOnlyList<string> columns, IReadOnlyList<string> key, bool hasLower, bool hasUpper)
    {
        RequireColumns(columns);
        RequireKey(key);
        var where = new List<string> { NotNull(key) };
        if (hasLower)
        {
            where.Add($"{Row(key.Select(Quote))} > {Row(Parameters(0, key.Count))}");
        }

        if (hasUpper)
        {
            where.Add($"{Row(key.Select(Quote))} <= {Row(Parameters(hasLower ? key.Count : 0, key.Count))}");
        }

        return $"SELECT {string.Join(", ", columns)} FROM {Qualified(table)} WHERE {string.Join(" AND ", where)} "
            + $"ORDER BY {QuotedList(key)}";
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
        const string child = "c", parent = "p";
        var select = string.Join(", ", childKey.Select(c => $"{child}.{Quote(c)}"));
        var present = string.Join(" AND ", fk.Columns.Select(c => $"{child}.{Quote(c)} IS NOT NULL"));
        var match = string.Join(" AND ", fk.Columns.Zip(fk.ReferencedColumns, (c, r) => $"{parent}.{Quote(r)} = {child}.{Quote(c)}"));
        return $"SELECT {select} FROM {Qualified(fk.Table)} AS {child} WHERE {present} "
            + $"AND NOT EXISTS (SELECT 1 FROM {Qualified(fk.Referenced)} AS {parent} WHERE {match}) "
            + $"ORDER BY {select}";
    }

    // A one-column "row" is written bare: same meaning, and it reads as the plain comparison it is.
    private static string Row(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? list[0] : "(" + string.Join(", ", list) + ")";
    }

    private IEnumerable<string> Parameters(int first, int count) => Enumerable.Range(first, count).Select(Parameter);

    private string QuotedList(IReadOnlyList<string> key) => string.Join(", ", key.Select(Quote));

    private string NotNull(IReadOnlyList<string> key) => string.Join(" AND ", key.Select(c => $"{Quote(c)} IS NOT NULL"));

    private static string KeyAlias(int i) => "k" + i.ToString(CultureInfo.InvariantCulture);

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
