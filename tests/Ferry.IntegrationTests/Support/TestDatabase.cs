using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ferry.IntegrationTests.Support;

/// <summary>
/// A throwaway PostgreSQL database on the test server named by the <c>FERRY_TEST_PG</c> environment variable
/// (e.g. <c>Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres;Password=...</c>). Each test class
/// creates its own, so classes can run in parallel; disposing drops it WITH (FORCE), closing any connection a test
/// left open. Without the variable every test fails, loudly, rather than passing by skipping.
/// </summary>
public sealed partial class TestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "FERRY_TEST_PG";

    private TestDatabase(string serverConnectionString, string name)
    {
        ServerConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The server connection from <c>FERRY_TEST_PG</c>, connected to its maintenance database.</summary>
    public string ServerConnectionString { get; }

    /// <summary>The same server, connected to this database.</summary>
    public string ConnectionString { get; }

    public string Name { get; }

    /// <summary>The server connection string from the environment; throws with instructions when it is unset.</summary>
    public static string ServerFromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Integration tests need a PostgreSQL server: start one with scripts/pg.sh start and set "
                + $"{EnvironmentVariable}=\"Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres;Password=$(cat .local/pg/password)\".");

    /// <summary>
    /// Creates an empty database named <paramref name="prefix"/> plus a random suffix. The prefix is lower-case
    /// letters, digits and underscores, so the name never needs quoting in psql or in a connection string.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string prefix, CancellationToken cancellationToken = default) =>
        await CreateAsync(prefix, null, cancellationToken);

    /// <summary>As <see cref="CreateAsync(string, CancellationToken)"/>, in <paramref name="encoding"/> (e.g. SQL_ASCII) when given.</summary>
    public static async Task<TestDatabase> CreateAsync(string prefix, string? encoding, CancellationToken cancellationToken = default) =>
        await CreateOnAsync(ServerFromEnvironment(), prefix, encoding, cancellationToken);

    /// <summary>As <see cref="CreateAsync(string, CancellationToken)"/>, on the server <paramref name="server"/> connects to.</summary>
    public static async Task<TestDatabase> CreateOnAsync(string server, string prefix, string? encoding = null, CancellationToken cancellationToken = default)
    {
        if (!Prefix().IsMatch(prefix))
        {
            throw new ArgumentException("use lower-case letters, digits and underscores, at most 40 characters", nameof(prefix));
        }

        var name = prefix + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..12];
        var database = new TestDatabase(server, name);
        await using var connection = new NpgsqlConnection(database.ServerConnectionString);
        await connection.OpenAsync(cancellationToken);
        var options = encoding is null ? "" : $" ENCODING '{encoding}' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0";
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{options}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return database;
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements) in this database.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or default when there is no row or it is NULL.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value switch
        {
            null or DBNull => default,
            T typed => typed,

            // e.g. COUNT(*) is bigint but the caller asked for int.
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture),
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled idle connections to the database would otherwise make the server's FORCE terminate them, and
        // the pool would hand out dead connections to a later database that happened to reuse the name.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex Prefix();
}
