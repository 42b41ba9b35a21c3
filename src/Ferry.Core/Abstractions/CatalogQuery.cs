using System.Data.Common;

namespace Ferry.Core.Abstractions;

/// <summary>Runs one catalog query of a source introspection and hands each row to a callback.</summary>
public static class CatalogQuery
{
    public static async Task EachRowAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }
}
