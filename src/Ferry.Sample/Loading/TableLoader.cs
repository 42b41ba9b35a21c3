using Ferry.Sample.Data;
using Ferry.Sample.Randomness;
using Ferry.Sample.Schema;
using Ferry.Sample.Sql;
using Npgsql;

namespace Ferry.Sample.Loading;

/// <summary>
/// Loads one table of one district with binary COPY, then adds its keys and indexes and moves its identity past the
/// loaded ids. If anything fails the importer is disposed without completing, which makes PostgreSQL discard the
/// whole COPY: a table is either fully loaded or empty.
/// </summary>
internal static class TableLoader
{
    public static async Task<long> LoadAsync(NpgsqlDataSource dataSource, TableDef table, DistrictPlan plan, int seed, CancellationToken cancellationToken)
    {
        var rows = plan.Sizes[table.Name];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(SchemaScript.Copy(table), cancellationToken))
        {
            var values = new object?[table.Columns.Count];
            foreach (var _ in Rows(table, plan, seed, values))
            {
                await BinaryRowWriter.WriteAsync(importer, table.Columns, values, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        foreach (var statement in SchemaScript.Keys(table))
        {
            await SqlExecutor.ExecuteAsync(connection, statement, cancellationToken);
        }

        foreach (var identity in table.Columns.Where(c => c.Identity))
        {
            await SqlExecutor.ExecuteAsync(connection, SchemaScript.RestartIdentity, cancellationToken, SchemaScript.Name(table), identity.Name, Math.Max(1, rows), rows > 0);
        }

        return rows;
    }

    /// <summary>
    /// Fills <paramref name="values"/> with each row in turn (the same buffer every time, which is how a duplicate row
    /// repeats its predecessor). Database-free, so tests can check determinism without a server.
    /// </summary>
    public static IEnumerable<object?[]> Rows(TableDef table, DistrictPlan plan, int seed, object?[] values)
    {
        var rows = plan.Sizes[table.Name];
        var context = new RowContext(SampleRandom.For(seed, plan.Number, table.Name), plan.Sizes);
        for (long i = 0; i < rows; i++)
        {
            table.Fill(i, context, values);
            yield return values;
        }
    }
}
