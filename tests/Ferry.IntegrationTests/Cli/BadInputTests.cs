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
        await AssertRejectedAsync(await RunWithAsync(Valid), "dm scaffold");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Parallelism_below_one_is_named(string value)
    {
        var result = await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.ConfigPath, "--parallelism", value);
        await AssertRejectedAsync(result, $"--parallelism {value}: must be between 1 and 256");
    }

    [Fact]
    public async Task A_key_configured_for_a_table_with_a_primary_key_is_named()
    {
        var yaml = Valid.Replace("keys:\n", "keys:\n  - \"dbo.Student(FirstName)\"\n");
        Assert.NotEqual(Valid, yaml);
        await AssertRejectedAsync(await RunWithAsync(yaml), "keys: dbo.Student already has a primary key (StudentId)");
    }

    [Fact]
    public async Task A_configuration_path_that_is_a_directory_is_named()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "run", "--config", _f.Directory);
        await AssertRejectedAsync(result, $"{_f.Directory}: is a directory");
    }

    [Fact]
    public async Task A_configuration_that_is_not_text_is_named()
    {
        var path = Path.Combine(_f.Directory, "binary.yaml");
        await File.WriteAllBytesAsync(path, [0x74, 0x3a, 0x20, 0xff, 0x0a]);
        await AssertRejectedAsync(await DmProcess.RunAsync(_f.Directory, "run", "--config", path), "is not UTF-8 text");
    }

    [Fact]
    public async Task An_unreadable_configuration_file_is_named()
    {
        // The tests run as any user, root included, whom file modes do not stop; a file whose first read fails
        // (the process's own memory at address 0) is unreadable for everyone.
        var result = await DmProcess.RunAsync(_f.Directory, "run", "--config", "/proc/self/mem");
        await AssertRejectedAsync(result, "/proc/self/mem: cannot be read");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("verify")]
    [InlineData("plan")]
    public async Task An_unconfigured_district_is_named(string verb)
    {
        var result = await DmProcess.RunAsync(_f.Directory, verb, "--config", _f.ConfigPath, "--district", "d999");
        await AssertRejectedAsync(result, "unknown district 'd999'");
    }

    [Fact]
    public async Task An_unknown_verb_is_named_with_the_closest_one()
    {
        var result = await DmProcess.RunAsync(_f.Directory, "rnu", "--config", _f.ConfigPath);
        await AssertRejectedAsync(result, "unknown verb 'rnu' (did you mean 'run'?)");
    }

    [Fact]
    public async Task Tables_whose_snake_case_names_collide_are_named_and_marked_in_the_mapping()
    {
        await _f.Districts[0].ExecuteAsync(
            "CREATE TABLE dbo.\"OrderLine\" (\"Id\" integer PRIMARY KEY); CREATE TABLE dbo.\"Order_Line\" (\"Id\" integer PRIMARY KEY);");
        try
        {
            var scaffold = Path.Combine(_f.Directory, "collide");
            var result = await DmProcess.RunAsync(_f.Directory, "scaffold", "--config", _f.ConfigPath, "--out", scaffold, "--apply");

            await AssertRejectedAsync(result, "dbo.OrderLine and dbo.Order_Line all become table dbo.order_line");
            var mapping = await File.ReadAllTextAsync(Path.Combine(scaffold, "mapping.yaml"));
            Assert.Equal(2, mapping.Split("collision:").Length - 1);
            Assert.Contains("dbo.OrderLine and dbo.Order_Line all become table dbo.order_line", mapping);
            await AssertRejectedAsync(await RunWithAsync(Valid), "legacy names collide in snake_case");
        }
        finally
        {
            await _f.Districts[0].ExecuteAsync("DROP TABLE dbo.\"OrderLine\"; DROP TABLE dbo.\"Order_Line\";");
        }
    }
}
