using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;

namespace Ferry.IntegrationTests.Source;

/// <summary>Runs dialect-built SQL the way the engine does: parameters made by the adapter, values read raw.</summary>
internal static class SourceRows
{
    public static async Task<List<object?[]>> ReadAsync(
        ISourceAdapter adapter, DbConnection connection, DbTransaction? transaction, string sql, params object?[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(adapter.CreateParameter(adapter.Dialect.Parameter(i), values[i]));
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A row as text, for set comparisons and readable failure messages.</summary>
    public static string Show(object?[] row) => string.Join("|", row.Select(v => v switch
    {
        null => "NULL",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));
}
