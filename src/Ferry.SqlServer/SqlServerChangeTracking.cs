using System.Data;
using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>
/// Deltas on SQL Server Change Tracking: positions are Change Tracking versions, changed keys come from
/// <c>CHANGETABLE(CHANGES ...)</c> (net changes since the stored version), and a stored version older than a table's
/// <c>CHANGE_TRACKING_MIN_VALID_VERSION</c> cannot start a delta. Change Tracking requires a primary key: tables keyed
/// through <c>keys:</c> are left out of the statements here and get diff-based deltas.
/// </summary>
public sealed class SqlServerChangeTracking : IChangeCapture
{
    private static readonly SqlServerDialect Dialect = new();

    public IReadOnlyList<string> EnableStatements(string database, IReadOnlyList<CapturedTable> tables) =>
        [SqlServerChangeStatements.EnableDatabase(database), .. tables.Where(t => t.Tracked).Select(t => SqlServerChangeStatements.EnableTable(t.Table))];

    public IReadOnlyList<string> DisableStatements(string database, IReadOnlyList<CapturedTable> tables) =>
        [.. tables.Where(t => t.Tracked).Select(t => SqlServerChangeStatements.DisableTable(t.Table)), SqlServerChangeStatements.DisableDatabase(database)];

    public async Task<string?> NotEnabledAsync(DbConnection connection, IReadOnlyList<CapturedTable> tables, CancellationToken cancellationToken)
    {
        if (Convert.ToInt64(await CatalogQuery.ScalarAsync(connection, SqlServerStatements.ChangeTrackingEnabled, cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return "Change Tracking is off for the database (run `dm delta enable --apply`)";
        }

        var tracked = new HashSet<TableName>();
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.TrackedTables, r => tracked.Add(new TableName(r.GetString(0), r.GetString(1))), cancellationToken);
        var missing = tables.Where(t => t.Tracked && !tracked.Contains(t.Table)).Select(t => t.Table.ToString()).ToList();
        return missing.Count == 0 ? null : $"Change Tracking does not follow {string.Join(", ", missing)} (run `dm delta enable --apply`)";
    }

    public async Task<string> PositionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt64(await CatalogQuery.ScalarAsync(connection, SqlServerChangeStatements.CurrentVersion, cancellationToken), CultureInfo.InvariantCulture)
            .ToString(CultureInfo.InvariantCulture);

    public bool IsPosition(string position) => long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Change Tracking counts versions, not changes: how many are pending cannot be told cheaply.</summary>
    public Task<long?> PendingAsync(DbConnection connection, string from, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public async Task<string?> PositionProblemAsync(DbConnection connection, CapturedTable table, string from, CancellationToken cancellationToken)
    {
        if (!table.Tracked)
        {
            return null;
        }

        var name = new SqlParameter("p0", SqlDbType.NVarChar, 4000) { Value = Dialect.Qualified(table.Table) };
        var minimum = await CatalogQuery.ScalarAsync(connection, SqlServerChangeStatements.MinValidVersion, cancellationToken, name);
        return ChangeTracking.Problem(long.Parse(from, CultureInfo.InvariantCulture), minimum is null or DBNull ? null : Convert.ToInt64(minimum, CultureInfo.InvariantCulture)) is { } problem
            ? $"table {table.Table}: {problem}"
            : null;
    }

    public async Task<IReadOnlyList<string>> ChangedKeysAsync(DbConnection connection, CapturedTable table, string from, string to, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await CatalogQuery.EachRowAsync(
            connection,
            SqlServerChangeStatements.ChangedKeys(table.Table, table.KeyColumns),
            [new SqlParameter("p0", SqlDbType.BigInt) { Value = long.Parse(from, CultureInfo.InvariantCulture) }, new SqlParameter("p1", SqlDbType.BigInt) { Value = long.Parse(to, CultureInfo.InvariantCulture) }],
            r => keys.Add(r.GetString(0)),
            cancellationToken);
        return keys;
    }

    public string SelectByKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<SourceColumn> keyColumns, bool fromKeys) =>
        SqlServerChangeStatements.SelectByKeys(table, columns, keyColumns, fromKeys);

    /// <summary>Change Tracking removes its own records once its retention has passed: nothing to purge here.</summary>
    public Task<long> PurgeAsync(DbConnection connection, DateTime before, CancellationToken cancellationToken) => Task.FromResult(0L);

    public DbParameter KeysParameter(string jsonArray) => new SqlParameter("p0", SqlDbType.NVarChar, -1) { Value = jsonArray };
}
