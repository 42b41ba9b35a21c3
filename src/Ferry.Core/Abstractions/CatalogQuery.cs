using System.Data.Common;

namespace Ferry.Core.Abstractions;

/// <summary>
/// Runs one catalog query of a source (introspection, settings, permissions) and hands each row to a callback.
/// Catalog queries read small system views, so they get a bounded timeout (<see cref="TimeoutSeconds"/>): a catalog
/// blocked behind another session's schema change fails with the client's timeout instead of hanging the run.
/// </summary>
public static class CatalogQuery
{
    public const int TimeoutSeconds = 120;

    public static async Task EachRowAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken) =>
        await EachRowAsync(connection, sql, [], row, cancellationToken);

    /// <summary>As above, with <paramref name="parameters"/> added to the command in order.</summary>
    public static async Task EachRowAsync(DbConnection connection, string sql, IEnumerable<DbParameter> parameters, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    /// <summary>The first column of the first row, or null when there is no row or it is NULL.</summary>
    public static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params DbParameter[] parameters)
    {
        await using var command = Command(connection, sql);
        command.Parameters.AddRange(parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = TimeoutSeconds;
        return command;
    }
}
