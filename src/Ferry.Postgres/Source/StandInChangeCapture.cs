using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Postgres.Source;

/// <summary>
/// The stand-in's change capture: a change log and row triggers (see <see cref="StandInChangeStatements"/>); positions
/// are the log's sequence numbers. As on SQL Server, tables capture does not track (no primary key that is the entity's
/// key) get no trigger: their deltas are diff-based.
/// </summary>
public sealed class StandInChangeCapture : IChangeCapture
{
    public IReadOnlyList<string> EnableStatements(string database, IReadOnlyList<CapturedTable> tables) =>
        [.. StandInChangeStatements.Install, .. tables.Where(t => t.Tracked).SelectMany(StandInChangeStatements.Triggers)];

    // Every table's triggers are dropped (if there), tracked or not: a table may have lost its primary key since.
    public IReadOnlyList<string> DisableStatements(string database, IReadOnlyList<CapturedTable> tables) =>
        [.. tables.SelectMany(StandInChangeStatements.DropTriggers), StandInChangeStatements.Uninstall];

    public async Task<string?> NotEnabledAsync(DbConnection connection, IReadOnlyList<CapturedTable> tables, CancellationToken cancellationToken)
    {
        if (!await InstalledAsync(connection, cancellationToken))
        {
            return "change capture is not enabled (run `dm delta enable --apply`)";
        }

        var triggered = new HashSet<string>(StringComparer.Ordinal);
        await CatalogQuery.EachRowAsync(connection, StandInChangeStatements.TriggeredTables, r => triggered.Add(r.GetString(0)), cancellationToken);
        var missing = tables.Where(t => t.Tracked && !triggered.Contains(t.Table.ToString())).Select(t => t.Table.ToString()).ToList();
        return missing.Count == 0 ? null : $"change capture does not follow {string.Join(", ", missing)} (run `dm delta enable --apply`)";
    }

    public static async Task<bool> InstalledAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = StandInChangeStatements.Installed;
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task<string> PositionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = StandInChangeStatements.Position;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    public bool IsPosition(string position) => long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public async Task<long?> PendingAsync(DbConnection connection, string from, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = StandInChangeStatements.Pending;
        command.Parameters.AddWithValue(Number(from));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<string?> PositionProblemAsync(DbConnection connection, CapturedTable table, string from, CancellationToken cancellationToken)
    {
        if (!table.Tracked)
        {
            return null;
        }

        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = StandInChangeStatements.Truncated;
        command.Parameters.AddWithValue(table.Table.ToString());
        command.Parameters.AddWithValue(Number(from));
        return await command.ExecuteScalarAsync(cancellationToken) is long seq
            ? $"table {table.Table} was truncated (change {seq.ToString(CultureInfo.InvariantCulture)}): a delta cannot tell which rows went"
            : null;
    }

    public async Task<IReadOnlyList<string>> ChangedKeysAsync(DbConnection connection, CapturedTable table, string from, string to, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = StandInChangeStatements.ChangedKeys;
        command.Parameters.AddWithValue(table.Table.ToString());
        command.Parameters.AddWithValue(Number(from));
        command.Parameters.AddWithValue(Number(to));
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public string SelectByKeys(TableName table, IReadOnlyList<string> columns, IReadOnlyList<SourceColumn> keyColumns, bool fromKeys) =>
        StandInChangeStatements.SelectByKeys(table, columns, keyColumns, fromKeys);

    public async Task<long> PurgeAsync(DbConnection connection, DateTime before, CancellationToken cancellationToken)
    {
        if (!await InstalledAsync(connection, cancellationToken))
        {
            return 0;
        }

        await using var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = StandInChangeStatements.Purge;
        command.Parameters.AddWithValue(before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public DbParameter KeysParameter(string jsonArray) => new NpgsqlParameter { Value = jsonArray, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static long Number(string position) => long.Parse(position, NumberStyles.None, CultureInfo.InvariantCulture);
}
