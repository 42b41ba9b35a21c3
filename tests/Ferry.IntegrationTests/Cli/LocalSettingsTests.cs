using Ferry.Cli;
using Ferry.Core.Configuration;

namespace Ferry.IntegrationTests.Cli;

/// <summary>local.settings.json supplies environment values that are not set, in the Functions app's shape.</summary>
public sealed class LocalSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-settings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "local.settings.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Values_of_the_functions_shape_are_read_and_other_keys_ignored()
    {
        var path = Write("""{ "IsEncrypted": false, "Values": { "FERRY_PG_PASSWORD": "pw", "FERRY_PG_PORT": "55433" }, "Host": { "LocalHttpPort": 7071 } }""");

        Assert.Equal([("FERRY_PG_PASSWORD", "pw"), ("FERRY_PG_PORT", "55433")], LocalSettings.Read(path).OrderBy(s => s.Name));
    }

    [Fact]
    public void A_value_the_environment_already_sets_is_kept()
    {
        var path = Write("""{ "Values": { "A": "from-file", "B": "from-file", "C": "from-file" } }""");
        var environment = new Dictionary<string, string> { ["A"] = "from-environment", ["C"] = "" };

        LocalSettings.Apply(path, n => environment.GetValueOrDefault(n), (n, v) => environment[n] = v);

        Assert.Equal("from-environment", environment["A"]);
        Assert.Equal("from-file", environment["B"]);
        Assert.Equal("from-file", environment["C"]);
    }

    [Fact]
    public void No_file_supplies_nothing()
    {
        Assert.Empty(LocalSettings.Read(Path.Combine(_directory, "absent.json")));
    }

    [Fact]
    public void Empty_values_are_accepted()
    {
        Assert.Empty(LocalSettings.Read(Write("""{ "IsEncrypted": false, "Values": {} }""")));
    }

    [Theory]
    [InlineData("""{ "IsEncrypted": false }""")]
    [InlineData("""{ "Values": "FERRY_PG_PASSWORD=pw" }""")]
    public void A_file_without_a_values_object_is_refused_naming_the_file(string json)
    {
        var path = Write(json);

        var message = Assert.Throws<ConfigException>(() => LocalSettings.Read(path)).Message;

        Assert.Equal($"{path}: expected an object \"Values\" of setting names and values", message);
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused_in_one_line_naming_the_file()
    {
        var path = Write("{ \"Values\": { \"A\": \"x\", } ]");

        var message = Assert.Throws<ConfigException>(() => LocalSettings.Read(path)).Message;

        Assert.StartsWith($"{path}: ", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Dm_refuses_a_malformed_settings_file_in_the_working_directory_with_one_line_and_exit_2()
    {
        Write("{ \"Values\": ");

        var result = await DmProcess.RunAsync(_directory, "status", "--config", "migration.yaml");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: local.settings.json: ", line);
    }
}
