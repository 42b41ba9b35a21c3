using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Cli;

/// <summary>The README's command examples, run as an operator would run them, in its order.</summary>
public sealed partial class ReadmeCommandsTests
{
    /// <summary>
    /// "Your first migration", every <c>./dm</c> line of its block as written (the services it starts first are the
    /// ones the tests run on), in a fresh directory: each succeeds, the target it scaffolds is the one sample created,
    /// and the run and the verification publish their reports to the local Blob Storage emulator.
    /// </summary>
    [Fact]
    public async Task First_migration_runs_exactly_as_the_readme_writes_it()
    {
        var commands = FirstMigrationCommands();
        Assert.Equal(["sample", "scaffold", "validate", "plan", "run", "run", "verify"], commands.Select(c => c[0]));
        var directory = Directory.CreateTempSubdirectory("ferry-first-").FullName;
        var server = TestDatabase.ServerFromEnvironment();
        var outputs = new List<DmProcess.Result>();
        try
        {
            foreach (var args in commands)
            {
                outputs.Add(await Dm(directory, args));
            }

            var yaml = await File.ReadAllTextAsync(Path.Combine(directory, "migration.yaml"));
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(server).Password!, yaml);
            Assert.Contains("connection: \"${FERRY_BLOB_CONNECTION}\"", yaml);
            Assert.StartsWith("ready: 3 district(s), 21 entities", outputs[2].Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
            Assert.Contains("plan: 3 district(s) x 21 entities", outputs[3].Stdout);
            Assert.Contains("dry run complete, nothing written", outputs[4].Stdout);
            Assert.Contains("parity: every entity has parity", outputs[6].Stdout);
            var blobEndpoint = new Uri(Regex.Match(Environment.GetEnvironmentVariable("FERRY_BLOB_CONNECTION")!, "BlobEndpoint=([^;]+)").Groups[1].Value).GetLeftPart(UriPartial.Authority);
            Assert.All(new[] { outputs[5], outputs[6] }, o => Assert.Contains($"report: {blobEndpoint}/", o.Stdout));

            await using var target = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "ferry_target" }.ConnectionString);
            await target.OpenAsync();
            await using var tenants = new NpgsqlCommand("SELECT count(DISTINCT tenant_id) FROM dbo.student", target);
            Assert.Equal(3L, await tenants.ExecuteScalarAsync());
        }
        finally
        {
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            foreach (var database in new[] { "ferry_target", "legacy_d001", "legacy_d002", "legacy_d003" })
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The arguments of every <c>./dm</c> line in the README's first-migration block, split as a shell would.</summary>
    private static IReadOnlyList<string[]> FirstMigrationCommands([CallerFilePath] string source = "")
    {
        var root = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (!File.Exists(Path.Combine(root.FullName, "README.md")) || !File.Exists(Path.Combine(root.FullName, "Functions.sln")))
        {
            root = root.Parent!;
        }

        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md"));
        var start = readme.IndexOf("<!-- first-migration -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- /first-migration -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README has no first-migration block");
        return readme[start..end].Split('\n')
            .Where(l => l.StartsWith("./dm ", StringComparison.Ordinal))
            .Select(l => ShellWord().Matches(l.Split(" #")[0]).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).Skip(1).ToArray())
            .ToList();
    }

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex ShellWord();

    [Fact]
    public async Task Readme_commands_work_as_documented()
    {
        await using var target = await TestDatabase.CreateAsync("readme_tgt_");
        var prefix = $"readme_{Guid.NewGuid():N}"[..20] + "_";
        var directory = Path.Combine(Path.GetTempPath(), prefix);
        Directory.CreateDirectory(directory);
        var server = TestDatabase.ServerFromEnvironment();
        try
        {
            var sample = await DmProcess.RunAsync(directory, "sample", "--districts", "2", "--profile", "small", "--students", "300",
                "--out", "migration.yaml", "--prefix", prefix, "--target-database", target.Name, "--server", server);
            Assert.True(sample.ExitCode == 0, sample.Stdout + sample.Stderr);
            var config = Path.Combine(directory, "migration.yaml");
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(server).Password!, await File.ReadAllTextAsync(config));

            var scaffold = await Dm(directory, "scaffold", "--config", config, "--apply");
            Assert.Contains("applied to target default", scaffold.Stdout);
            Assert.True(File.Exists(Path.Combine(directory, "scaffold", "mapping.yaml")));

            var dryRun = await Dm(directory, "run", "--config", config, "--dry-run");
            Assert.Contains("dry run complete, nothing written", dryRun.Stdout);
            Assert.Equal(0, await target.ScalarAsync<long>("SELECT count(*) FROM dbo.student"));

            var some = await Dm(directory, "run", "--config", config, "--district", "d001", "--entity", "dbo.Student*");
            Assert.StartsWith("run ", some.Stdout.Split('\n')[0].Split(' ', 2)[1]);
            Assert.Equal(0, await target.ScalarAsync<long>("SELECT count(*) FROM dbo.student WHERE tenant_id <> '6a1f7c1e-0000-4000-8000-000000000001'"));
            Assert.True(await target.ScalarAsync<long>("SELECT count(*) FROM dbo.student") > 0);

            var window = DateTime.Now.AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            await Dm(directory, "run", "--config", config, "--until", window);

            var status = await Dm(directory, "status", "--config", config, "--json");
            using var json = JsonDocument.Parse(status.Stdout);
            var entities = json.RootElement.GetProperty("entities").EnumerateArray().ToList();
            Assert.Equal(2 * 21, entities.Count);
            Assert.All(entities, e => Assert.Equal("loaded", e.GetProperty("state").GetString()));
            Assert.All(entities, e => Assert.Equal(e.GetProperty("planned").GetInt64(), e.GetProperty("loaded").GetInt64() + e.GetProperty("quarantined").GetInt64()));

            // The first run loaded some entities only: references to parents it did not load waited for the full run.
            Assert.Equal(0, await target.ScalarAsync<long>("SELECT count(*) FROM ferry.dropped_constraint"));
            Assert.Equal(0, await target.ScalarAsync<long>("SELECT count(*) FROM ferry.quarantine WHERE reason_code = 'orphan_at_validation'"));
            Assert.Equal(0, await target.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));

            var verify = await DmProcess.RunAsync(directory, "verify", "--config", config);
            Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        }
        finally
        {
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            foreach (var d in new[] { "d001", "d002" })
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{prefix}{d}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<DmProcess.Result> Dm(string directory, params string[] args)
    {
        var result = await DmProcess.RunAsync(directory, args);
        Assert.True(result.ExitCode == 0, $"dm {string.Join(' ', args)}: {result.Stdout}{result.Stderr}");
        return result;
    }
}
