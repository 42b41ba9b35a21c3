using Azure.Core;
using Ferry.IntegrationTests.Support;
using Ferry.Postgres;
using Npgsql;

namespace Ferry.IntegrationTests.Target;

/// <summary>
/// The identity path of Azure deployments, exercised without Azure: a connection string without a password signs in
/// with the credential's access token as its password, which is exactly what Azure Database for PostgreSQL accepts.
/// The local server checks the "token" like a password, so the connection succeeds only if the token was used.
/// </summary>
public sealed class EntraTokenConnectionTests
{
    [Fact]
    public async Task A_connection_without_a_password_signs_in_with_the_credentials_token_when_entra_is_on()
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ServerFromEnvironment());
        var credential = new RecordingCredential(server.Password!);
        var withoutPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = null, Pooling = false };
        Environment.SetEnvironmentVariable(PostgresDataSources.EntraSetting, "true");
        try
        {
            await using var source = PostgresDataSources.Create(withoutPassword, credential);
            await using var connection = await source.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgresDataSources.EntraSetting, null);
        }

        Assert.Equal([PostgresDataSources.EntraScope], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task A_connection_string_with_a_password_never_asks_for_a_token()
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ServerFromEnvironment()) { Pooling = false };
        var credential = new RecordingCredential("not the password");
        Environment.SetEnvironmentVariable(PostgresDataSources.EntraSetting, "true");
        try
        {
            await using var source = PostgresDataSources.Create(server, credential);
            await using var connection = await source.OpenConnectionAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgresDataSources.EntraSetting, null);
        }

        Assert.Empty(credential.Scopes);
    }

    [Theory]
    [InlineData("Host=ferry-pg.postgres.database.azure.com;Database=sis;Username=id-ferry", null, true)]
    [InlineData("Host=FERRY-PG.Postgres.Database.Azure.com.;Database=sis;Username=id-ferry", null, true)]
    [InlineData("Host=ferry-pg.postgres.database.azure.com;Database=sis;Username=u;Password=p", "true", false)]
    [InlineData("Host=127.0.0.1;Database=sis;Username=postgres", null, false)]
    [InlineData("Host=pg.internal.example;Database=sis;Username=id-ferry", "true", true)]
    [InlineData("Host=ferry-pg.postgres.database.azure.com;Database=sis;Username=id-ferry", "false", false)]
    public void Entra_is_chosen_for_azure_hosts_without_a_password_or_when_the_setting_says_so(string connection, string? setting, bool expected) =>
        Assert.Equal(expected, PostgresDataSources.UsesEntra(new NpgsqlConnectionStringBuilder(connection), setting));

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
