using Ferry.Core.Model;

namespace Ferry.Core.Casting;

/// <summary>
/// The type-mapping tables, SQL Server to PostgreSQL and PostgreSQL stand-in to PostgreSQL. They are data: the
/// README prints them from here (see <see cref="Describe"/>), so documentation and behaviour cannot drift.
/// </summary>
public static class TypeRules
{
    private static string Varchar(SourceColumn c) => c.MaxLength is > 0 and <= 10_485_760 ? $"varchar({c.MaxLength})" : "text";

    private static string Char(SourceColumn c) => c.MaxLength is > 0 ? $"char({c.MaxLength})" : "char(1)";

    private static string Numeric(SourceColumn c) => c.Precision is > 0 ? $"numeric({c.Precision},{c.Scale ?? 0})" : "numeric";

    // .NET decimal holds 28-29 digits; wider SQL Server decimals travel as their exact text.
    private const string WideDecimal = "values beyond 28 digits are read as their exact text, so decimal(38) loads exactly";

    private static bool IsWide(SourceColumn c) => c.Precision is > 28;

    private static string Fraction(string type, SourceColumn c, int max = 6) => c.Scale is { } s ? $"{type}({Math.Min(s, max)})" : type;

    public static IReadOnlyList<TypeRule> SqlServer { get; } =
    [
        new("bit", _ => "boolean", ValueKind.Boolean),
        new("tinyint", _ => "smallint", ValueKind.Int16, "PostgreSQL has no one-byte integer; 0..255 fits smallint"),
        new("smallint", _ => "smallint", ValueKind.Int16),
        new("int", _ => "integer", ValueKind.Int32),
        new("bigint", _ => "bigint", ValueKind.Int64),
        new("decimal", Numeric, ValueKind.Decimal, WideDecimal, "CONVERT(varchar(48), {0})", IsWide),
        new("numeric", Numeric, ValueKind.Decimal, WideDecimal, "CONVERT(varchar(48), {0})", IsWide),
        new("money", _ => "numeric(19,4)", ValueKind.Decimal, "PostgreSQL money depends on lc_monetary; numeric(19,4) holds SQL Server money exactly"),
        new("smallmoney", _ => "numeric(10,4)", ValueKind.Decimal, "as money"),
        new("float", c => c.Precision is > 0 and <= 24 ? "real" : "double precision", ValueKind.Double, "float(1..24) is single precision in SQL Server"),
        new("real", _ => "real", ValueKind.Single),
        new("date", _ => "date", ValueKind.Date),
        new("time", c => Fraction("time", c), ValueKind.Time, "PostgreSQL keeps microseconds: time(7) loses its 100 ns digit (truncated, never rounded; counted in the reports)"),
        new("datetime", _ => "timestamp(3)", ValueKind.Timestamp, "datetime ticks are 1/300 s; three fractional digits hold them"),
        new("datetime2", c => Fraction("timestamp", c), ValueKind.Timestamp, "datetime2(7) loses its 100 ns digit (truncated, never rounded: 9999-12-31 23:59:59.9999999 stays on its day; counted in the reports)"),
        new("smalldatetime", _ => "timestamp(0)", ValueKind.Timestamp),
        new("datetimeoffset", c => Fraction("timestamptz", c), ValueKind.TimestampTz, "PostgreSQL stores the instant in UTC; the original offset is not kept; the 100 ns digit is truncated as for datetime2"),
        new("char", Char, ValueKind.Text),
        new("nchar", Char, ValueKind.Text, "PostgreSQL text is Unicode: n and non-n types map alike"),
        new("varchar", Varchar, ValueKind.Text, "varchar(max) (length -1) becomes text"),
        new("nvarchar", Varchar, ValueKind.Text, "nvarchar(max) (length -1) becomes text"),
        new("text", _ => "text", ValueKind.Text),
        new("ntext", _ => "text", ValueKind.Text),
        new("uniqueidentifier", _ => "uuid", ValueKind.Uuid, "the client library reads it in canonical byte order; no mixed-endian surprises"),
        new("binary", _ => "bytea", ValueKind.Bytes),
        new("varbinary", _ => "bytea", ValueKind.Bytes),
        new("image", _ => "bytea", ValueKind.Bytes),
        new("xml", _ => "xml", ValueKind.Xml),
        new("rowversion", _ => "bytea", ValueKind.Bytes, "a change counter, not a time: kept as its 8 bytes"),
        new("timestamp", _ => "bytea", ValueKind.Bytes, "SQL Server timestamp is rowversion, not a date and time"),
        new("sql_variant", _ => "text", ValueKind.Text, "no PostgreSQL equivalent: read as its invariant text form, base type not kept", "CONVERT(nvarchar(4000), {0})"),
        new("hierarchyid", _ => "text", ValueKind.Text, "read as its canonical path string such as /1/3/", "CAST({0} AS nvarchar(4000))"),
        new("geography", _ => "text", ValueKind.Text, "read as well-known text; load into PostGIS later if needed", "{0}.STAsText()"),
        new("geometry", _ => "text", ValueKind.Text, "read as well-known text", "{0}.STAsText()"),
    ];

    public static IReadOnlyList<TypeRule> Postgres { get; } =
    [
        new("boolean", _ => "boolean", ValueKind.Boolean),
        new("smallint", _ => "smallint", ValueKind.Int16),
        new("integer", _ => "integer", ValueKind.Int32),
        new("bigint", _ => "bigint", ValueKind.Int64),
        new("numeric", Numeric, ValueKind.Decimal, "carried in PostgreSQL's own form: NaN, 1e40 and 40-digit fractions arrive as themselves"),
        new("money", _ => "numeric(19,2)", ValueKind.Decimal, "money depends on lc_monetary; read as numeric", "{0}::numeric"),
        new("real", _ => "real", ValueKind.Single),
        new("double precision", _ => "double precision", ValueKind.Double),
        new("date", _ => "date", ValueKind.Date, "carried as PostgreSQL's day number: BC dates, infinity and 9999-12-31 each arrive as themselves"),
        new("time without time zone", c => Fraction("time", c), ValueKind.Time),
        new("timestamp without time zone", c => Fraction("timestamp", c), ValueKind.Timestamp, "as date: infinity stays infinity, 9999-12-31 stays a date"),
        new("timestamp with time zone", c => Fraction("timestamptz", c), ValueKind.TimestampTz, "as timestamp"),
        new("interval", _ => "interval", ValueKind.Interval, "months, days and microseconds kept apart: 1 mon is not 30 days"),
        new("character", Char, ValueKind.Text),
        new("character varying", Varchar, ValueKind.Text),
        new("text", _ => "text", ValueKind.Text),
        new("bytea", _ => "bytea", ValueKind.Bytes),
        new("uuid", _ => "uuid", ValueKind.Uuid),
        new("xml", _ => "xml", ValueKind.Xml),
        new("json", _ => "jsonb", ValueKind.Json, "jsonb is indexable and normalised; key order and duplicate keys are not kept"),
        new("jsonb", _ => "jsonb", ValueKind.Json),
    ];

    public static IReadOnlyList<TypeRule> For(string provider) => provider switch
    {
        "sqlserver" => SqlServer,
        "postgres" => Postgres,
        _ => throw new ArgumentException($"unknown provider '{provider}'", nameof(provider)),
    };

    /// <summary>Resolves a column's mapping, or null when its type has no rule (the caller reports the column).</summary>
    public static TypeMapping? Map(string provider, SourceColumn column)
    {
        var rule = For(provider).FirstOrDefault(r => string.Equals(r.SourceType, column.DataType, StringComparison.OrdinalIgnoreCase));
        return rule is null ? null : new TypeMapping(rule.TargetType(column), rule.Kind, rule.SelectWhen is null || rule.SelectWhen(column) ? rule.SelectAs : null);
    }

    /// <summary>
    /// The table as Markdown rows, for the README: lengths show as <c>(n)</c>, precision and scale as <c>(p,s)</c>,
    /// fractional seconds as <c>(s)</c> (at most 6).
    /// </summary>
    public static IEnumerable<string> Describe(string provider)
    {
        var sample = new SourceColumn("x", "", true, MaxLength: 50, Precision: 38, Scale: 5);
        foreach (var rule in For(provider))
        {
            var target = rule.TargetType(sample with { DataType = rule.SourceType })
                .Replace("(50)", "(n)", StringComparison.Ordinal)
                .Replace("(38,5)", "(p,s)", StringComparison.Ordinal)
                .Replace("(5)", "(s)", StringComparison.Ordinal);
            yield return $"| {rule.SourceType} | {target} | {rule.Why ?? ""} |";
        }
    }
}
