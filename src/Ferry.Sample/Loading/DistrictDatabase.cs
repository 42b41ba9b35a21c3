using Ferry.Sample.Schema;
using Ferry.Sample.Sql;
using Npgsql;

namespace Ferry.Sample.Loading;

/// <summary>The statements around the load of one district database: before it the empty tables, after it the foreign keys.</summary>
internal static class DistrictDatabase
{
    /// <summary>Drops and recreates the database and its tables (no keys yet); returns a data source for loading it.</summary>
    public static async Task<NpgsqlDataSource> RecreateAsync(NpgsqlDataSource admin, DistrictPlan plan, SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await SqlExecutor.ExecuteAsync(admin, SchemaScript.DropDatabase(plan.Database), cancellationToken);
        await SqlExecutor.ExecuteAsync(admin, SchemaScript.CreateDatabase(plan.Database), cancellationToken);
        var source = NpgsqlDataSource.Create(WorkingConnection(plan.Connection));
        try
        {
            var script = string.Join(";\n", catalog.Tables.Select(SchemaScript.CreateTable).Prepend(SchemaScript.CreateSchema()));
            await SqlExecutor.ExecuteAsync(source, script, cancellationToken);
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>Declares the foreign keys (each validated over the loaded rows) and refreshes the planner statistics.</summary>
    public static async Task FinishAsync(NpgsqlDataSource source, SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        foreach (var statement in catalog.Tables.SelectMany(SchemaScript.ForeignKeys))
        {
            await SqlExecutor.ExecuteAsync(connection, statement, cancellationToken);
        }

        await SqlExecutor.ExecuteAsync(connection, SchemaScript.Analyze, cancellationToken);
    }

    /// <summary>No command timeout: building a key or validating a foreign key over millions of rows takes minutes.</summary>
    private static string WorkingConnection(string connection) =>
        new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 0 }.ConnectionString;
}
