using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.Postgres.Source;

/// <summary>
/// SQL for reading a PostgreSQL database that stands in for a legacy SQL Server. Identifiers are double-quoted,
/// values are <c>@p0</c>, <c>@p1</c>, ... (Npgsql rewrites named placeholders). Keyset bounds are row-value
/// comparisons, <c>("a", "b") &gt; (@p0, @p1)</c>, which a b-tree index on the key serves directly.
/// </summary>
public sealed class PostgresSourceDialect : SourceDialect
{
    public override string Quote(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return PgIdentifier.Quote(identifier);
    }

    public override string CountRows(TableName table) => $"SELECT COUNT(*) FROM {From(table)}";

    protected override string Above(TableName table, IReadOnlyList<string> key, int first) =>
        $"{Row(key.Select(Quote))} > {Row(key.Select((c, i) => Bound(table, c, first + i)))}";

    protected override string AtMost(TableName table, IReadOnlyList<string> key, int first) =>
        $"{Row(key.Select(Quote))} <= {Row(key.Select((c, i) => Bound(table, c, first + i)))}";

    // A one-column "row" is written bare: same meaning, and it reads as the plain comparison it is.
    private static string Row(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? list[0] : "(" + string.Join(", ", list) + ")";
    }
}
