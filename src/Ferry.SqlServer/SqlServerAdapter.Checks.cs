using System.Data;
using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>What the adapter checks before and after a load: isolation settings, permissions, Change Tracking.</summary>
public sealed partial class SqlServerAdapter
{
    /// <summary>From ALLOW_SNAPSHOT_ISOLATION and READ_COMMITTED_SNAPSHOT (see <see cref="SqlServerIsolation"/>).</summary>
    public async Task<ReadConsistency> ReadConsistencyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var (snapshot, readCommittedSnapshot) = await IsolationSettingsAsync(connection, cancellationToken);
        return SqlServerIsolation.Consistency(snapshot, readCommittedSnapshot);
    }

    /// <summary>
    /// Tables among <paramref name="tables"/> the login cannot SELECT or lacks VIEW DEFINITION on (both checked with
    /// HAS_PERMS_BY_NAME), columns of them it may not SELECT, foreign keys to tables it cannot see, and tables it
    /// cannot see at all: those do not appear in the catalog, so a table asked about that is missing from it is
    /// reported as unseen. Without VIEW DEFINITION on the database, tables it holds no permission on are invisible and
    /// cannot be named: that is the warning.
    /// </summary>
    public async Task<SourceAccess> CheckAccessAsync(DbConnection connection, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
    {
        var wanted = tables.ToHashSet();
        var seen = new HashSet<TableName>();
        var problems = new List<AccessProblem>();
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.TablePermissions, r =>
        {
            var table = new TableName(r.GetString(0), r.GetString(1));
            seen.Add(table);
            if (!wanted.Contains(table))
            {
                return;
            }

            if (Granted(r, 2) == false)
            {
                problems.Add(new AccessProblem(table, null, "SELECT"));
            }

            if (Granted(r, 3) == false)
            {
                problems.Add(new AccessProblem(table, null, "VIEW DEFINITION"));
            }
        }, cancellationToken);

        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.DeniedColumns, r =>
        {
            var table = new TableName(r.GetString(0), r.GetString(1));
            if (wanted.Contains(table))
            {
                problems.Add(new AccessProblem(table, r.GetString(2), "SELECT"));
            }
        }, cancellationToken);

        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.HiddenReferences, r =>
        {
            var table = new TableName(r.GetString(0), r.GetString(1));
            if (wanted.Contains(table))
            {
                problems.Add(new AccessProblem(table, null, $"permission on the table foreign key {r.GetString(2)} references, which the login cannot see"));
            }
        }, cancellationToken);

        problems.AddRange(wanted.Where(t => !seen.Contains(t)).Order().Select(t => new AccessProblem(t, null, "permission at all: the login cannot see it")));
        var database = await CatalogQuery.ScalarAsync(connection, SqlServerStatements.DatabaseViewDefinition, cancellationToken);
        var warning = database is not null && Convert.ToInt32(database, CultureInfo.InvariantCulture) == 1
            ? null
            : "the login lacks VIEW DEFINITION on the database: tables it holds no permission on are invisible to it and cannot be listed; grant VIEW DEFINITION so none is missed";
        return new SourceAccess(problems, warning);
    }

    /// <summary>The tables Change Tracking does not follow, when it is on for the database; empty when it is off.</summary>
    public async Task<IReadOnlyList<TableName>> UntrackedTablesAsync(DbConnection connection, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
    {
        var enabled = await CatalogQuery.ScalarAsync(connection, SqlServerStatements.ChangeTrackingEnabled, cancellationToken);
        if (enabled is null || Convert.ToInt64(enabled, CultureInfo.InvariantCulture) == 0)
        {
            return [];
        }

        var tracked = new HashSet<TableName>();
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.TrackedTables, r => tracked.Add(new TableName(r.GetString(0), r.GetString(1))), cancellationToken);
        return tables.Where(t => !tracked.Contains(t)).Order().ToList();
    }

    /// <summary>
    /// Whether a delta could still start at the version recorded when the table's load was planned: not once the
    /// table's CHANGE_TRACKING_MIN_VALID_VERSION has passed it (cleanup removed changes a delta would need, because
    /// retention is shorter than the load took, or the table was truncated), nor when the table is no longer tracked.
    /// </summary>
    public async Task<string?> ChangePositionProblemAsync(DbConnection connection, TableName table, string position, CancellationToken cancellationToken)
    {
        if (!long.TryParse(position, NumberStyles.Integer, CultureInfo.InvariantCulture, out var recorded))
        {
            return null;
        }

        var name = new SqlParameter("p0", SqlDbType.NVarChar, 4000) { Value = Dialect.Qualified(table) };
        var minimum = await CatalogQuery.ScalarAsync(connection, SqlServerStatements.MinValidVersion, cancellationToken, name);
        return ChangeTracking.Problem(recorded, minimum is null ? null : Convert.ToInt64(minimum, CultureInfo.InvariantCulture));
    }

    private static async Task<(int Snapshot, bool ReadCommittedSnapshot)> IsolationSettingsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        (int, bool) settings = (0, false);
        await CatalogQuery.EachRowAsync(connection, SqlServerStatements.IsolationSettings, r =>
            settings = (Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), !r.IsDBNull(1) && r.GetBoolean(1)), cancellationToken);
        return settings;
    }

    // HAS_PERMS_BY_NAME answers 1, 0, or NULL when the securable is not found.
    private static bool? Granted(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture) == 1;
}
