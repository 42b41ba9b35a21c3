using Ferry.Engine.Running;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Fidelity;

/// <summary>
/// A reviewed mapping that retypes a column after the target table exists: scaffold --apply would keep the old type
/// (CREATE TABLE IF NOT EXISTS), so it refuses and names the drift, and so does run; once the target matches the
/// mapping, text becomes the typed value by the documented rules.
/// </summary>
public sealed class MappingDriftTests
{
    [Fact]
    public async Task Scaffold_and_run_refuse_a_target_whose_column_types_differ_from_the_mapping()
    {
        await using var f = await MigrationFixture.CreateAsync("drift", districts: 1, students: 40, batchSize: 50);
        var config = f.Config();
        var scaffold = Path.Combine(f.Directory, "scaffold");
        await MigrationFixture.ScaffoldAsync(config, scaffold);
        var mappingPath = Path.Combine(scaffold, "mapping.yaml");
        var column = "  - source: BirthDateText\n    target: birth_date_text\n    sourceType: character varying\n    targetType: varchar(20)";
        await File.WriteAllTextAsync(mappingPath, (await File.ReadAllTextAsync(mappingPath)).Replace(column, column.Replace("targetType: varchar(20)", "targetType: date")));
        var reviewed = f.WriteConfig(f.Target, 50, extra: "mapping: scaffold/mapping.yaml", name: "reviewed.yaml");
        var runs = await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.run");

        var apply = await DmProcess.RunAsync(f.Directory, "scaffold", "--config", reviewed, "--out", Path.Combine(f.Directory, "again"), "--apply");
        var run = await DmProcess.RunAsync(f.Directory, "run", "--config", reviewed);

        foreach (var result in new[] { apply, run })
        {
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("table dbo.legacy_import, column birth_date_text: the mapping says date, the target holds character varying(20)", line);
        }

        Assert.Equal("character varying", await f.Target.ScalarAsync<string>("SELECT data_type FROM information_schema.columns WHERE table_name = 'legacy_import' AND column_name = 'birth_date_text'"));
        Assert.Equal(runs, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.run"));

        await f.Target.ExecuteAsync("ALTER TABLE dbo.legacy_import ALTER COLUMN birth_date_text TYPE date USING NULL");
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(f.Config(reviewed))).Exit);
    }
}
