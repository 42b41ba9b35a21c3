using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Support;

namespace Ferry.IntegrationTests.Source;

/// <summary>
/// One stand-in district built from a test's own SQL, an empty target and a configuration for them: for behaviour
/// that needs a legacy schema of its own shape (collations, keys, names). Disposing drops both databases.
/// </summary>
internal sealed class StandInMigration : IAsyncDisposable
{
    private StandInMigration(TestDatabase source, TestDatabase target, string directory)
    {
        Source = source;
        Target = target;
        Directory = directory;
    }

    public TestDatabase Source { get; }

    public TestDatabase Target { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "migration.yaml");

    public static async Task<StandInMigration> CreateAsync(string prefix, string sourceSql, int batchSize = 2, string sourceExtra = "", string extra = "")
    {
        var source = await TestDatabase.CreateAsync(prefix + "_src_");
        var target = await TestDatabase.CreateAsync(prefix + "_tgt_");
        var directory = Path.Combine(Path.GetTempPath(), "ferry-it-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var migration = new StandInMigration(source, target, directory);
        await source.ExecuteAsync(sourceSql);
        await migration.WriteConfigAsync(source.ConnectionString, batchSize, sourceExtra, extra);
        return migration;
    }

    /// <summary>Writes the configuration again, e.g. with another source connection (a restricted role).</summary>
    public Task WriteConfigAsync(string sourceConnection, int batchSize = 2, string sourceExtra = "", string extra = "") =>
        File.WriteAllTextAsync(ConfigPath, $$"""
            target:
              connection: "{{Target.ConnectionString}}"
            uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
            districts:
              - id: d001
                tenant: "6a1f7c1e-0000-4000-8000-000000000001"
                source: { provider: postgres, connection: "{{sourceConnection}}"{{sourceExtra}} }
            entities: { include: ["dbo.*"] }
            batchSize: {{batchSize}}
            parallelism: 2
            """ + "\n" + extra + "\n");

    public MigrationConfig Config() => ConfigLoader.Load(ConfigPath);

    /// <summary>Scaffolds the target and runs the full load.</summary>
    public async Task<RunOutcome> LoadAsync()
    {
        var config = Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(Directory, "scaffold"));
        return await MigrationFixture.RunAsync(config);
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        await Target.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
