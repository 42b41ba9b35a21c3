using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;
using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Engine;

/// <summary>
/// Legacy districts and an empty target database on the test server, with a configuration file for them.
/// Disposing drops every database it created.
/// </summary>
public sealed class MigrationFixture : IAsyncDisposable
{
    private readonly List<TestDatabase> _databases = [];

    public TestDatabase Target { get; private set; } = null!;

    public IReadOnlyList<TestDatabase> Districts { get; private set; } = [];

    public string ConfigPath { get; private set; } = "";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ferry-it-" + Guid.NewGuid().ToString("N")[..8]);

    public int Students { get; private set; }

    public static async Task<MigrationFixture> CreateAsync(
        string prefix, int districts = 2, int students = 300, int batchSize = 100, string extra = "", string? encoding = null, string? server = null)
    {
        var fixture = new MigrationFixture { Students = students };
        System.IO.Directory.CreateDirectory(fixture.Directory);
        var sources = new List<TestDatabase>();
        for (var i = 1; i <= districts; i++)
        {
            var db = await TestDatabase.CreateOnAsync(server ?? TestDatabase.ServerFromEnvironment(), $"{prefix}_src{i}_", encoding);
            fixture._databases.Add(db);
            await db.ExecuteAsync(DistrictSchema.Sql(i, students - ((i - 1) * students / 4)));
            sources.Add(db);
        }

        fixture.Districts = sources;
        fixture.Target = await TestDatabase.CreateOnAsync(server ?? TestDatabase.ServerFromEnvironment(), $"{prefix}_tgt_");
        fixture._databases.Add(fixture.Target);
        fixture.ConfigPath = fixture.WriteConfig(fixture.Target, batchSize, extra);
        return fixture;
    }

    /// <summary>Students in district <paramref name="index"/> (1-based): districts have different sizes.</summary>
    public int StudentsOf(int index) => Students - ((index - 1) * Students / 4);

    public string WriteConfig(TestDatabase target, int batchSize, string extra = "", string name = "migration.yaml")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, DistrictSchema.Config(
            target.ConnectionString,
            Districts.Select((d, i) => ($"d{i + 1:D3}", d.ConnectionString)).ToList(),
            batchSize,
            extra));
        return path;
    }

    /// <summary>The configuration with two named target databases: attendance entities in <paramref name="attendance"/>, the rest in <see cref="Target"/>.</summary>
    public async Task<MigrationConfig> RoutedConfigAsync(TestDatabase attendance)
    {
        var yaml = File.ReadAllText(ConfigPath).Replace(
            $"target:\n  connection: \"{Target.ConnectionString}\"",
            $"target:\n  attendance:\n    connection: \"{attendance.ConnectionString}\"\n    entities: [\"dbo.Attendance*\"]\n  core:\n    connection: \"{Target.ConnectionString}\"\n    entities: [\"*\"]");
        var path = Path.Combine(Directory, "routed.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return Config(path);
    }

    public async Task<TestDatabase> NewTargetAsync(string prefix)
    {
        var db = await TestDatabase.CreateAsync(prefix);
        _databases.Add(db);
        return db;
    }

    public MigrationConfig Config(string? path = null) => ConfigLoader.Load(path ?? ConfigPath);

    public static async Task ScaffoldAsync(MigrationConfig config, string directory)
    {
        var context = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], CancellationToken.None);
        await Scaffolder.ScaffoldAsync(context, directory, apply: true, CancellationToken.None);
    }

    public static async Task<RunOutcome> RunAsync(MigrationConfig config, RunOptions? options = null, IReadOnlyCollection<string>? entities = null)
    {
        var context = await MigrationContext.ResolveAsync(config, [], entities ?? [], CancellationToken.None);
        return await new RunCoordinator(new NullObserver()).RunAsync(context, options ?? new RunOptions(), CancellationToken.None);
    }

    public static async Task<long> CountAsync(TestDatabase db, string sql)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _databases)
        {
            await db.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class NullObserver : IRunObserver
    {
        public void RunStarted(Guid runId, bool resumed, bool dryRun) { }

        public void LoadPlanned(string district, string entity, long sourceRows, int batches, int pendingBatches) { }

        public void LoadSkipped(string district, string entity, string reason) { }

        public void BatchCompleted(Ferry.Core.Planning.BatchDescriptor batch, Ferry.Engine.Pipeline.BatchResult result) { }

        public void LoadCompleted(string district, string entity) { }

        public void Message(string text) { }
    }
}
