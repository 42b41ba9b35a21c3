using Ferry.IntegrationTests.Engine;
using Npgsql;

namespace Ferry.IntegrationTests.Cli;

/// <summary>
/// A first migration usually starts with no target database: every verb that needs it says how to create it, in one
/// line, and <c>scaffold --apply --create-database</c> creates it.
/// </summary>
public sealed class MissingTargetDatabaseTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private string _missing = "";
    private string _config = "";

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("missingtgt", districts: 1, students: 30);
        _missing = "missingtgt_new_" + Guid.NewGuid().ToString("N")[..12];
        _config = Path.Combine(_f.Directory, "missing-target.yaml");
        var yaml = await File.ReadAllTextAsync(_f.ConfigPath);
        await File.WriteAllTextAsync(_config, yaml.Replace($"Database={_f.Target.Name};", $"Database={_missing};", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(_f.Target.ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_missing}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await _f.DisposeAsync();
    }

    [Theory]
    [InlineData("scaffold", "--apply")]
    [InlineData("run")]
    public async Task A_missing_target_database_is_named_with_how_to_create_it(params string[] verb)
    {
        var result = await DmProcess.RunAsync(_f.Directory, [.. verb, "--config", _config]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"database \"{_missing}\" does not exist: create it, or let `dm scaffold --config {_config} --apply --create-database` create it", line);
        Assert.False(await ExistsAsync());
    }

    [Fact]
    public async Task Scaffold_apply_with_create_database_creates_the_database_and_the_schema()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "scaffold", "--config", _config, "--apply", "--create-database");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains($"target default: database {_missing} created", result.Stdout);
        Assert.Contains("applied to target default", result.Stdout);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_f.Target.ConnectionString) { Database = _missing }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM dbo.student", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Create_database_on_an_existing_database_leaves_it_alone()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "scaffold", "--config", _f.ConfigPath, "--apply", "--create-database");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain("created", result.Stdout);
    }

    [Fact]
    public async Task Create_database_without_apply_is_a_usage_error()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "scaffold", "--config", _config, "--create-database");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--create-database: only with --apply", result.Stderr);
        Assert.False(await ExistsAsync());
    }

    private async Task<bool> ExistsAsync()
    {
        await using var connection = new NpgsqlConnection(_f.Target.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(_missing);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
