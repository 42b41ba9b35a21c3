using System.Text.Json;
using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Cli;

/// <summary>The README's command examples, run as an operator would run them, in its order.</summary>
public sealed class ReadmeCommandsTests
{
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
