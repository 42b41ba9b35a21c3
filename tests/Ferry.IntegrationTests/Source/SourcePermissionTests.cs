using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using Npgsql;

namespace Ferry.IntegrationTests.Source;

/// <summary>
/// A login that cannot read every table in scope: the run stops before writing anything, with one line listing each
/// table (or column) and the permission it lacks, exit 2. On the stand-in, a role without SELECT on some tables.
/// </summary>
public sealed class SourcePermissionTests : IAsyncLifetime
{
    private const string Schema = """
        CREATE SCHEMA dbo;
        CREATE TABLE dbo."School" ("SchoolId" integer PRIMARY KEY, "Name" text NOT NULL);
        INSERT INTO dbo."School" VALUES (1, 'North'), (2, 'South');
        CREATE TABLE dbo."Student" ("StudentId" integer PRIMARY KEY, "SchoolId" integer REFERENCES dbo."School", "Ssn" text);
        INSERT INTO dbo."Student" VALUES (1, 1, '123'), (2, 2, '456');
        CREATE TABLE dbo."Staff" ("StaffId" integer PRIMARY KEY, "Name" text NOT NULL);
        INSERT INTO dbo."Staff" VALUES (1, 'Ann');
        """;

    private readonly string _role = "ferry_reader_" + Guid.NewGuid().ToString("N")[..10];
    private StandInMigration _m = null!;

    public async Task InitializeAsync()
    {
        _m = await StandInMigration.CreateAsync("permissions", Schema);
        await _m.Source.ExecuteAsync($"""
            CREATE ROLE {_role} LOGIN PASSWORD 'reader-pw';
            GRANT USAGE ON SCHEMA dbo TO {_role};
            GRANT SELECT ON dbo."School" TO {_role};
            GRANT SELECT ("StudentId", "SchoolId") ON dbo."Student" TO {_role};
            """);
    }

    public async Task DisposeAsync()
    {
        await _m.DisposeAsync();
        await using var server = new NpgsqlConnection(_m.Source.ServerConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {_role}", server);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Tables_and_columns_the_role_cannot_select_are_listed_before_anything_is_read()
    {
        await _m.WriteConfigAsync(RestrictedConnection());

        var error = await Assert.ThrowsAsync<ConfigException>(() => MigrationContext.ResolveAsync(_m.Config(), [], [], CancellationToken.None));

        Assert.Equal(
            "district d001: the login cannot read 2 table(s) in scope, nothing was loaded: dbo.Staff (no SELECT); dbo.Student.Ssn (no SELECT)",
            error.Message);
    }

    [Fact]
    public async Task With_every_grant_the_same_role_resolves()
    {
        await _m.Source.ExecuteAsync($"""GRANT SELECT ON dbo."Staff", dbo."Student" TO {_role}""");
        await _m.WriteConfigAsync(RestrictedConnection());

        var context = await MigrationContext.ResolveAsync(_m.Config(), [], [], CancellationToken.None);

        Assert.Equal(3, context.Entities.Count);
        Assert.Empty(context.Warnings);
    }

    [Fact]
    public async Task Run_with_the_restricted_role_exits_2_with_one_line_and_writes_nothing()
    {
        await MigrationFixture.ScaffoldAsync(_m.Config(), Path.Combine(_m.Directory, "scaffold"));
        await _m.WriteConfigAsync(RestrictedConnection());

        var result = await DmProcess.RunAsync(_m.Directory, "run", "--config", _m.ConfigPath);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: district d001: the login cannot read 2 table(s) in scope, nothing was loaded: dbo.Staff (no SELECT); dbo.Student.Ssn (no SELECT)", line);
        Assert.DoesNotContain("reader-pw", result.Stdout + result.Stderr);
        Assert.Equal(0, await MigrationFixture.CountAsync(_m.Target, "SELECT count(*) FROM ferry.run"));
    }

    private string RestrictedConnection() =>
        new NpgsqlConnectionStringBuilder(_m.Source.ConnectionString) { Username = _role, Password = "reader-pw" }.ConnectionString;
}
