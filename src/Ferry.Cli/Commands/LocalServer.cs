using Ferry.Core.Configuration;
using Npgsql;

namespace Ferry.Cli.Commands;

/// <summary>
/// The PostgreSQL server that <c>sample</c> and <c>demo</c> create databases on. By default the project's local
/// throwaway cluster, reached through FERRY_PG_PORT and FERRY_PG_PASSWORD, which the project's scripts export.
/// </summary>
internal static class LocalServer
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=${FERRY_PG_PORT:-55432};Database=postgres;Username=postgres;Password=${FERRY_PG_PASSWORD}";

    private const string Hint = "start the local cluster with `bash scripts/pg.sh start` and run through ./dm (which supplies its settings), or give --server";

    public static string Resolve(string? given)
    {
        try
        {
            return EnvironmentInterpolation.Expand(given ?? DefaultConnection, Environment.GetEnvironmentVariable, "--server");
        }
        catch (ConfigException e) when (given is null)
        {
            throw new ConfigException($"{e.Message}: {Hint}");
        }
    }

    /// <summary>Opens one connection, so a server that is not there is one line (exit 2) before anything is created.</summary>
    public static async Task RequireReachableAsync(string server, bool local, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is PostgresException pg ? pg.MessageText : e.Message;
            throw Core.Abstractions.OpenFailure.Create("PostgreSQL server", server, local ? $"{reason}: {Hint}" : reason, e);
        }
    }

    /// <summary>The connection string of another database on the same server.</summary>
    public static string Database(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    /// <summary>Drops (forcing other sessions off) and creates an empty database.</summary>
    public static async Task RecreateDatabaseAsync(string server, string database, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(server);
        await using (var drop = source.CreateCommand($"DROP DATABASE IF EXISTS {Postgres.PgIdentifier.Quote(database)} WITH (FORCE)"))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var create = source.CreateCommand($"CREATE DATABASE {Postgres.PgIdentifier.Quote(database)}");
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}
