using System.Text;
using Ferry.Core.Rollback;
using Npgsql;
using static Ferry.Postgres.PgIdentifier;

namespace Ferry.Postgres.Control;

/// <summary>
/// SQL pieces for <c>ferry.before_image</c>: a row's image (every column by name as its own text form, so the column's
/// type reads it back exactly; json and jsonb as themselves), the earliest image of each row among some runs, and a
/// row put back from its image.
/// </summary>
public static class BeforeImages
{
    /// <summary>The toolkit tables whose rows are a load's bookkeeping, in the order they are put back.</summary>
    public static IReadOnlyList<string> Bookkeeping { get; } =
        ["ferry.load", "ferry.batch", "ferry.quarantine", "ferry.value_change", "ferry.orphan_key"];

    /// <summary>How a table is named in <c>relation</c>: quoted and qualified, so it casts to regclass as it is.</summary>
    public static string Relation(string qualifiedName)
    {
        var dot = qualifiedName.IndexOf('.', StringComparison.Ordinal);
        return Qualified(qualifiedName[..dot], qualifiedName[(dot + 1)..]);
    }

    /// <summary>A jsonb expression of the row <paramref name="alias"/>: every column as its text, json columns as json.</summary>
    public static string Row(IReadOnlyList<TableColumn> columns, string alias)
    {
        // jsonb_build_object takes at most 100 arguments: 50 columns per call, joined with ||.
        var parts = columns.Chunk(50).Select(chunk => "jsonb_build_object(" + string.Join(", ", chunk.Select(c =>
            Literal(c.Name) + ", " + (c.Json ? $"to_jsonb({alias}.{Quote(c.Name)})" : $"{alias}.{Quote(c.Name)}::text"))) + ")");
        return string.Join(" || ", parts);
    }

    /// <summary>
    /// A subquery of the earliest image of each row (id, op, row) of <paramref name="relation"/> for the tenant among
    /// <paramref name="runs"/> (oldest first) within <paramref name="range"/>; binds its parameters on <paramref name="command"/>.
    /// </summary>
    public static string Earliest(NpgsqlCommand command, Guid tenant, string relation, IReadOnlyList<Guid> runs, UuidRange range)
    {
        var t = Bind(command, tenant);
        var r = Bind(command, relation);
        var rs = Bind(command, runs.ToArray());
        return $"SELECT DISTINCT ON (b.id) b.id, b.op, b.row FROM ferry.before_image b WHERE b.tenant_id = {t} AND b.relation = {r} AND b.run_id = ANY({rs})" +
            Within(command, "b.id", range) + $" ORDER BY b.id, array_position({rs}, b.run_id)";
    }

    /// <summary>The rows of an image subquery <paramref name="images"/> (not inserts) as rows of <paramref name="relation"/>.</summary>
    public static string Rows(string relation, string images) =>
        $"SELECT (jsonb_populate_record(NULL::{relation}, i.row)).* FROM ({images}) i WHERE i.op <> 'insert'";

    /// <summary><c> AND column &gt;= lower AND column &lt; upper</c> for the bounds that are set.</summary>
    public static string Within(NpgsqlCommand command, string column, UuidRange range)
    {
        var sb = new StringBuilder();
        if (range.Lower is { } lower)
        {
            sb.Append(" AND ").Append(column).Append(" >= ").Append(Bind(command, lower));
        }

        if (range.Upper is { } upper)
        {
            sb.Append(" AND ").Append(column).Append(" < ").Append(Bind(command, upper));
        }

        return sb.ToString();
    }

    /// <summary>Adds a positional parameter and returns its placeholder (<c>$n</c>).</summary>
    public static string Bind(NpgsqlCommand command, object value)
    {
        command.Parameters.AddWithValue(value);
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
