using System.Globalization;
using Ferry.Core.Model;

namespace Ferry.SqlServer;

/// <summary>
/// The T-SQL of deltas on SQL Server Change Tracking. Identifiers are bracket-quoted through the dialect; versions
/// and keys are parameters. Each enabling statement is guarded, so running it again changes nothing.
/// </summary>
public static class SqlServerChangeStatements
{
    private static readonly SqlServerDialect Dialect = new();

    /// <summary>Change Tracking on for the database, with a retention that must outlast the gap between two deltas.</summary>
    public static string EnableDatabase(string database, int retentionDays = 7) =>
        "IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID()) " +
        $"ALTER DATABASE {Dialect.Quote(database)} SET CHANGE_TRACKING = ON (CHANGE_RETENTION = {retentionDays.ToString(CultureInfo.InvariantCulture)} DAYS, AUTO_CLEANUP = ON);";

    public static string EnableTable(TableName table) =>
        $"IF NOT EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID({Literal(Dialect.Qualified(table))})) " +
        $"ALTER TABLE {Dialect.Qualified(table)} ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = OFF);";

    public static string DisableTable(TableName table) =>
        $"IF EXISTS (SELECT 1 FROM sys.change_tracking_tables WHERE object_id = OBJECT_ID({Literal(Dialect.Qualified(table))})) " +
        $"ALTER TABLE {Dialect.Qualified(table)} DISABLE CHANGE_TRACKING;";

    public static string DisableDatabase(string database) =>
        "IF EXISTS (SELECT 1 FROM sys.change_tracking_databases WHERE database_id = DB_ID()) " +
        $"ALTER DATABASE {Dialect.Quote(database)} SET CHANGE_TRACKING = OFF;";

    /// <summary>The version now: every change at or below it is committed (versions are assigned at commit).</summary>
    public const string CurrentVersion = "SELECT CHANGE_TRACKING_CURRENT_VERSION();";

    /// <summary>@p0: the table's quoted two-part name. NULL when the table is not tracked.</summary>
    public const string MinValidVersion = SqlServerStatements.MinValidVersion;

    /// <summary>
    /// The net changes of a table since version @p0 up to @p1, one JSON object of its primary key per changed row
    /// (CHANGETABLE(CHANGES ...) already folds a row's changes into one).
    /// </summary>
    public static string ChangedKeys(TableName table, IReadOnlyList<string> key) =>
        $"SELECT (SELECT {string.Join(", ", key.Select(k => $"CT.{Dialect.Quote(k)} AS {Dialect.Quote(k)}"))} FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES) " +
        $"FROM CHANGETABLE(CHANGES {Dialect.Qualified(table)}, @p0) AS CT WHERE CT.SYS_CHANGE_VERSION <= @p1;";

    /// <summary>
    /// The net changes since version @p0 with the current row joined from the table (NULL columns for a deleted row):
    /// operation, key, then <paramref name="columns"/> of the row.
    /// </summary>
    public static string ChangedRows(TableName table, IReadOnlyList<string> key, IReadOnlyList<string> columns) =>
        $"SELECT CT.SYS_CHANGE_OPERATION, {string.Join(", ", key.Select(k => "CT." + Dialect.Quote(k)))}, {string.Join(", ", columns.Select(c => "t." + Dialect.Quote(c)))} " +
        $"FROM CHANGETABLE(CHANGES {Dialect.Qualified(table)}, @p0) AS CT " +
        $"LEFT OUTER JOIN {Dialect.Qualified(table)} AS t ON {string.Join(" AND ", key.Select(k => $"t.{Dialect.Quote(k)} = CT.{Dialect.Quote(k)}"))} " +
        "WHERE CT.SYS_CHANGE_VERSION <= @p1;";

    /// <summary>
    /// Rows of the table whose keys are in the JSON array @p0 (OPENJSON, each key column typed as the table's own),
    /// or with <paramref name="fromKeys"/> the keys themselves as rows.
    /// </summary>
    public static string SelectByKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<SourceColumn> keyColumns, bool fromKeys)
    {
        var with = string.Join(", ", keyColumns.Select(k => $"{Dialect.Quote(k.Name)} {TypeOf(k)} {Literal("$." + JsonPathName(k.Name))}"));
        var keys = $"OPENJSON(@p0) WITH ({with})";
        if (fromKeys)
        {
            return $"SELECT {string.Join(", ", columns)} FROM {keys} AS {Dialect.Quote(table.Name)};";
        }

        var match = string.Join(" AND ", keyColumns.Select(k => $"j.{Dialect.Quote(k.Name)} = {Dialect.Qualified(table)}.{Dialect.Quote(k.Name)}"));
        return $"SELECT {string.Join(", ", columns)} FROM {Dialect.Qualified(table)} WHERE EXISTS (SELECT 1 FROM {keys} AS j WHERE {match});";
    }

    /// <summary>A column's declared type as OPENJSON's WITH clause takes it.</summary>
    internal static string TypeOf(SourceColumn column)
    {
        var type = column.DataType.ToLowerInvariant();
        return type switch
        {
            "char" or "varchar" or "nchar" or "nvarchar" or "binary" or "varbinary" =>
                $"{type}({(column.MaxLength is { } length and > 0 ? length.ToString(CultureInfo.InvariantCulture) : "max")})",
            "decimal" or "numeric" => $"{type}({column.Precision ?? 18}, {column.Scale ?? 0})",
            "datetime2" or "time" or "datetimeoffset" => $"{type}({column.Scale ?? 7})",
            _ => type,
        };
    }

    private static string JsonPathName(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "N'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
