using Azure.Core;
using Azure.Identity;
using Npgsql;

namespace Ferry.Postgres;

/// <summary>
/// Data sources for PostgreSQL connection strings, with Microsoft Entra access tokens where the connection string
/// carries no password and the server is an Azure Database for PostgreSQL (or <see cref="EntraSetting"/> says so):
/// Azure deployments have password authentication off, and the app signs in as its managed identity. A token lives
/// about an hour, so it is refreshed well before it expires rather than fetched per connection.
/// </summary>
public static class PostgresDataSources
{
    /// <summary>Set to <c>true</c> to use Entra tokens for hosts under another name (a private DNS alias).</summary>
    public const string EntraSetting = "FERRY_PG_ENTRA";

    /// <summary>The resource Azure Database for PostgreSQL accepts tokens for.</summary>
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    private const string AzureHostSuffix = ".postgres.database.azure.com";

    private static readonly Lazy<TokenCredential> DefaultCredential = new(() => new DefaultAzureCredential());

    public static NpgsqlDataSource Create(string connectionString) => Create(new NpgsqlConnectionStringBuilder(connectionString));

    /// <param name="credential">Where tokens come from; the process's default Azure credential when null.</param>
    public static NpgsqlDataSource Create(NpgsqlConnectionStringBuilder builder, TokenCredential? credential = null)
    {
        if (!UsesEntra(builder, Environment.GetEnvironmentVariable(EntraSetting)))
        {
            return NpgsqlDataSource.Create(builder);
        }

        var tokens = credential ?? DefaultCredential.Value;
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        dataSource.UsePeriodicPasswordProvider(
            async (_, cancellationToken) => (await tokens.GetTokenAsync(new TokenRequestContext([EntraScope]), cancellationToken)).Token,
            TimeSpan.FromMinutes(30),
            TimeSpan.FromSeconds(10));
        return dataSource.Build();
    }

    /// <summary>
    /// Whether connections sign in with Entra tokens: never when the connection string has a password; otherwise for
    /// Azure Database for PostgreSQL hosts, or any host when <paramref name="setting"/> is <c>true</c>.
    /// </summary>
    public static bool UsesEntra(NpgsqlConnectionStringBuilder builder, string? setting)
    {
        if (!string.IsNullOrEmpty(builder.Password))
        {
            return false;
        }

        if (bool.TryParse(setting, out var forced))
        {
            return forced;
        }

        return (builder.Host ?? "").Split(',').Any(host => host.Split(':')[0].TrimEnd('.').EndsWith(AzureHostSuffix, StringComparison.OrdinalIgnoreCase));
    }
}
