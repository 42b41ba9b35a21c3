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

    /// <summary>
    /// A sql_variant as text chosen by its base type, because CONVERT with the default style loses precision: times
    /// to minutes, floats to 6 digits, money to 2 decimals. Style 126 is ISO 8601 with every fractional digit, style
    /// 3 the 17 digits that round-trip a float (SQL Server 2016 and later), style 2 money's 4 decimals, style 1 binary
    /// as 0x hex. Strings and binaries are cast to their longest form first, since a variant holds up to 8000 bytes.
    /// </summary>
    private const string SqlVariantText = """
        CASE CAST(SQL_VARIANT_PROPERTY({0}, 'BaseType') AS nvarchar(128))
        WHEN N'date' THEN CONVERT(nvarchar(4000), CAST({0} AS date), 126)
        WHEN N'datetime' THEN CONVERT(nvarchar(4000), CAST({0} AS datetime), 126)
        WHEN N'smalldatetime' THEN CONVERT(nvarchar(4000), CAST({0} AS smalldatetime), 126)
        WHEN N'datetime2' THEN CONVERT(nvarchar(4000), CAST({0} AS datetime2(7)), 126)
        WHEN N'datetimeoffset' THEN CONVERT(nvarchar(4000), CAST({0} AS datetimeoffset(7)), 126)
        WHEN N'time' THEN CONVERT(nvarchar(4000), CAST({0} AS time(7)), 126)
        WHEN N'float' THEN CONVERT(nvarchar(4000), CAST({0} AS float), 3)
        WHEN N'real' THEN CONVERT(nvarchar(4000), CAST({0} AS real), 3)
        WHEN N'money' THEN CONVERT(nvarchar(4000), CAST({0} AS money), 2)
        WHEN N'smallmoney' THEN CONVERT(nvarchar(4000), CAST({0} AS smallmoney), 2)
        WHEN N'binary' THEN CONVERT(nvarchar(max), CAST({0} AS varbinary(8000)), 1)
        WHEN N'varbinary' THEN CONVERT(nvarchar(max), CAST({0} AS varbinary(8000)), 1)
        WHEN N'char' THEN CONVERT(nvarchar(max), CAST({0} AS varchar(8000)))
        WHEN N'varchar' THEN CONVERT(nvarchar(max), CAST({0} AS varchar(8000)))
        ELSE CONVERT(nvarchar(4000), {0}) END
        """;

    /// <summary>
    /// A spatial value as extended well-known text: the SRID, then the shape with its Z and M values (STAsText drops
    /// both). The CAST makes the method call bind to the column even when a table shares the column's name.
    /// </summary>
    private static string SpatialText(string type) =>
        $"N'SRID=' + CAST(CAST({{0}} AS {type}).STSrid AS nvarchar(11)) + N';' + CAST({{0}} AS {type}).AsTextZM()";

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
        new("float", _ => "double precision", ValueKind.Double, "float(25..53) is double precision; float(1..24) is stored as real, the next row"),
        new("real", _ => "real", ValueKind.Single, "also float(1..24): the catalog reports those columns as real"),
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
        new("sql_variant", _ => "text", ValueKind.Text, "no PostgreSQL equivalent: each value converted by its base type without loss (dates ISO 8601, floats 17 digits, money 4 decimals, binary 0x hex); the base type is not kept", SqlVariantText),
        new("hierarchyid", _ => "text", ValueKind.Text, "read as its canonical path string such as /1/3/", "CAST({0} AS nvarchar(4000))"),
        new("geography", _ => "text", ValueKind.Text, "extended well-known text with Z and M and the SRID, e.g. SRID=4326;POINT (1 2 3 4) (a missing Z is NULL); PostGIS reads it with ST_GeomFromEWKT", SpatialText("geography")),
        new("geometry", _ => "text", ValueKind.Text, "as geography", SpatialText("geometry")),
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
