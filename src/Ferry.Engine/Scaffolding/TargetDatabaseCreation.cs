using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Postgres.Target;
using Npgsql;

namespace Ferry.Engine.Scaffolding;

/// <summary>
/// Creates the target databases a configuration names that do not exist yet (<c>dm scaffold --apply
/// --create-database</c>), each on its own server through the server's maintenance database <c>postgres</c>, as the
/// configured role, which needs CREATEDB. A database that exists is left alone; nothing else is created.
/// </summary>
public static class TargetDatabaseCreation
{
    private const string MaintenanceDatabase = "postgres";

    /// <summary>Creates each missing target database; returns the lines saying which were created.</summary>
    /// <exception cref="Core.Abstractions.SourceUnavailableException">A server cannot be reached, or refuses the login.</exception>
    /// <exception cref="ConfigException">A connection string names no database, or the role may not create one.</exception>
    public static async Task<IReadOnlyList<string>> CreateMissingAsync(MigrationConfig config, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var target in config.Targets)
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(target.Connection);
            }
            catch (ArgumentException e)
            {
                throw new ConfigException($"{config.File}: target {target.Name}: bad connection string: {e.Message}");
            }

            if (string.IsNullOrEmpty(builder.Database))
            {
                throw new ConfigException($"{config.File}: target {target.Name}: the connection string names no database");
            }

            if (await ExistsAsync(config, target, cancellationToken))
            {
                continue;
            }

            await CreateAsync(config, target, builder, cancellationToken);
            created.Add($"target {target.Name}: database {builder.Database} created on {builder.Host}:{builder.Port}");
        }

        return created;
    }

    private static async Task<bool> ExistsAsync(MigrationConfig config, TargetSettings target, CancellationToken cancellationToken)
    {
        try
        {
            // Unpooled: the probe should leave no idle session behind on the database it finds.
            await using var source = Ferry.Postgres.PostgresDataSources.Create(new NpgsqlConnectionStringBuilder(target.Connection) { Pooling = false });
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (TargetDatabases.IsMissingDatabase(e))
        {
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw TargetDatabases.Failure(config, target, e);
        }
    }

    private static async Task CreateAsync(MigrationConfig config, TargetSettings target, NpgsqlConnectionStringBuilder builder, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = MaintenanceDatabase, Pooling = false };
        try
        {
            await using var source = Ferry.Postgres.PostgresDataSources.Create(maintenance);
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await TargetDdl.CreateDatabaseAsync(connection, builder.Database!, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it meanwhile: what was asked for exists.
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new ConfigException(
                $"target {target.Name}: the role {builder.Username} may not create database {builder.Database} ({e.MessageText}): have an administrator create it, then apply again");
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw Core.Abstractions.OpenFailure.Create($"target {target.Name}", maintenance.ConnectionString, $"creating database {builder.Database}: {TargetDatabases.Reason(e)}", e);
        }
    }
}
