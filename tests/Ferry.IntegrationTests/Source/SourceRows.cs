using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;

namespace Ferry.IntegrationTests.Source;

/// <summary>Runs dialect-built SQL the way the engine does: parameters made by the adapter, values read raw.</summary>
internal static class SourceRows
{
    public static Task<List<object?[]>> ReadAsync(
        ISourceAdapter adapter, DbConnection connection, DbTransaction? transaction, string sql, params object?[] values) =>
        ReadAsync(adapter, connection, transaction, sql, null, values);

    /// <summary>As above, each value typed like the column at its position in <paramref name="columns"/> (cycling), as key bounds are.</summary>
    public static async Task<List<object?[]>> ReadAsync(
        ISourceAdapter adapter, DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<SourceColumn>? columns, params object?[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(columns is null
                ? adapter.CreateParameter(adapter.Dialect.Parameter(i), values[i])
                : adapter.CreateParameter(adapter.Dialect.Parameter(i), values[i], columns[i % columns.Count]));
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
