using Ferry.Core.Abstractions;
using Ferry.Postgres;
using Npgsql;

namespace Ferry.IntegrationTests.Source;

/// <summary>Which stand-in failures the retry policy may retry: broken connections and the documented states, no others.</summary>
public sealed class PostgresTransientErrorsTests(LegacySourceFixture fixture) : IClassFixture<LegacySourceFixture>
{
    [Theory]
    [InlineData("57P01")]
    [InlineData("57P02")]
    [InlineData("57P03")]
    [InlineData("40001")]
    [InlineData("40P01")]
    [InlineData("53300")]
    [InlineData("08006")]
    [InlineData("08001")]
    public void Documented_state_is_transient(string state)
    {
        Assert.True(PostgresTransientErrors.IsTransient(new PostgresException("m", "FATAL", "FATAL", state)));
    }

    [Theory]
    [InlineData("42501")]
    [InlineData("42P01")]
    [InlineData("23505")]
    [InlineData("28P01")]
    [InlineData("22P02")]
    public void State_that_would_fail_again_is_not_transient(string state)
    {
        // Permission denied, undefined table, unique violation, wrong password, bad text representation.
        Assert.False(PostgresTransientErrors.IsTransient(new PostgresException("m", "ERROR", "ERROR", state)));
    }

    [Fact]
    public async Task Refused_connection_is_transient_through_the_adapter()
    {
        var refused = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Port = 1, Timeout = 5 }.ConnectionString;

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => fixture.Adapter.OpenAsync(refused, CancellationToken.None));

        Assert.True(fixture.Adapter.IsTransient(error));
    }

    [Fact]
    public async Task Wrong_password_is_not_transient()
    {
        var wrong = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Password = "not-the-password" }.ConnectionString;

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => fixture.Adapter.OpenAsync(wrong, CancellationToken.None));

        Assert.False(fixture.Adapter.IsTransient(error));
    }

    [Fact]
    public async Task Connection_terminated_by_the_server_is_transient()
    {
        await using var victim = await fixture.Adapter.OpenAsync(fixture.Database.ConnectionString, CancellationToken.None);
        var pid = ((NpgsqlConnection)victim).ProcessID;
        await fixture.Database.ExecuteAsync($"SELECT pg_terminate_backend({pid})");

        await using var command = victim.CreateCommand();
        command.CommandText = "SELECT 1";
        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => command.ExecuteScalarAsync());

        Assert.True(fixture.Adapter.IsTransient(error), $"{error.GetType().Name}: {error.Message}");
    }
}
