using Ferry.IntegrationTests.Engine;
using Npgsql;

namespace Ferry.IntegrationTests.Cli;

/// <summary>
/// Every kind of bad input ends with one line naming what is wrong, exit code 2, no password printed, and
/// nothing written to the target.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private string _password = "";

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("badinput", districts: 2, students: 40);
        _password = new NpgsqlConnectionStringBuilder(_f.Target.ConnectionString).Password!;
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task<DmProcess.Result> RunWithAsync(string yaml, string verb = "run")
    {
        var path = Path.Combine(_f.Directory, $"bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return await DmProcess.RunAsync(_f.Directory, verb, "--config", path);
    }

    private string Valid => File.ReadAllText(_f.ConfigPath);

    /// <summary>The same connection on a port where nothing listens.</summary>
    private static string Unreachable(string connection) => new NpgsqlConnectionStringBuilder(connection) { Port = 1 }.ConnectionString;

    private async Task AssertRejectedAsync(DmProcess.Result result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain(_password, result.Stdout + result.Stderr);
        Assert.Equal(0, await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry'"));
    }

    [Fact]
    public async Task Unreachable_source_is_named()
    {
        var yaml = Valid.Replace(_f.Districts[1].ConnectionString, Unreachable(_f.Districts[1].ConnectionString));
        await AssertRejectedAsync(await RunWithAsync(yaml), "district d002");
    }

    [Fact]
    public async Task Wrong_source_password_is_named_without_the_password()
    {
        var yaml = Valid.Replace(_f.Districts[0].ConnectionString, _f.Districts[0].ConnectionString.Replace(_password, "not-the-password"));
        var result = await RunWithAsync(yaml);
        await AssertRejectedAsync(result, "district d001");
        Assert.Contains("password", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not-the-password", result.Stderr);
    }

    [Fact]
    public async Task Unreachable_target_is_named()
    {
        var yaml = Valid.Replace(_f.Target.ConnectionString, Unreachable(_f.Target.ConnectionString));
        await AssertRejectedAsync(await RunWithAsync(yaml), "target default");
    }

    [Fact]
    public async Task Unknown_provider_is_named()
    {
        var yaml = Valid.Replace("provider: postgres", "provider: oracle");
        await AssertRejectedAsync(await RunWithAsync(yaml), "unknown provider 'oracle'");
    }

    [Fact]
    public async Task Table_missing_from_one_district_is_named()
    {
        await _f.Districts[1].ExecuteAsync("DROP TABLE dbo.\"AttendanceEvent\"");
        try
        {
            await AssertRejectedAsync(await RunWithAsync(Valid), "district d002: table dbo.AttendanceEvent is missing");
        }
        finally
        {
            await _f.Districts[1].ExecuteAsync("CREATE TABLE dbo.\"AttendanceEvent\" (\"StudentId\" integer, \"EventDate\" date NOT NULL, \"Code\" varchar(10), \"Note\" text)");
        }
    }

    [Fact]
    public async Task Malformed_yaml_is_named()
    {
        await AssertRejectedAsync(await RunWithAsync(Valid.Replace("districts:", "districts: [")), "malformed YAML");
    }

    [Fact]
    public async Task Unknown_key_is_named()
    {
        await AssertRejectedAsync(await RunWithAsync(Valid + "\nbatchsize: 5\n"), "unknown key 'batchsize'");
    }

    [Fact]
    public async Task Tenant_that_is_not_a_uuid_is_named()
    {
        await AssertRejectedAsync(await RunWithAsync(Valid.Replace("6a1f7c1e-0000-4000-8000-000000000002", "district-two")), "district d002: tenant: 'district-two' is not a UUID");
    }

    [Fact]
    public async Task Duplicate_district_id_is_named()
    {
        await AssertRejectedAsync(await RunWithAsync(Valid.Replace("id: d002", "id: d001")), "duplicate district id 'd001'");
    }

    [Fact]
    public async Task Missing_configuration_file_is_named()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "run", "--config", "nowhere.yaml");
        await AssertRejectedAsync(result, "nowhere.yaml: configuration file not found");
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath, "--frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--frobnicate", result.Stderr);
    }

    [Fact]
    public async Task Target_schema_not_scaffolded_says_what_to_run()
    {
        var result = await RunWithAsync(Valid);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("dm scaffold", result.Stderr);
        Assert.Equal(0, await MigrationFixture.CountAsync(_f.Target, "SELECT count(*) FROM ferry.run"));
    }
}
