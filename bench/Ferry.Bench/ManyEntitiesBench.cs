using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;
using Ferry.Sample;
using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// The product's real shape: generated districts of 383 entities each (the full profile), most of them small. Each
/// repetition loads a freshly scaffolded target with <c>dm run</c> (a child process, timed from its start until every
/// constraint is restored), then measures the ceiling on the load's own final rows (<see cref="BareCeiling"/>), so
/// load and ceiling alternate in one invocation. The ratio is ceiling time over load time, median of the repetitions.
/// </summary>
internal static class ManyEntitiesBench
{
    public const string Target = "ferry_bench_many";
    private const string Template = "ferry_bench_many_scaffolded";
    private const string SourcePrefix = "ferry_bench_many_src_";

    public static async Task RunAsync(BenchOptions options, BenchDatabase server, Func<string[], Task<ChildProcess.Result>> dm, string directory, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        log.Report($"many entities: generating {options.ManyDistricts} districts of the full profile, {options.ManyStudents:N0} students in the largest");
        var sample = await SampleGenerator.GenerateAsync(
            new SampleOptions { AdminConnection = options.Server, Districts = options.ManyDistricts, Profile = SampleProfile.Full, Students = options.ManyStudents, DatabasePrefix = SourcePrefix },
            null,
            cancellationToken);
        try
        {
            Directory.CreateDirectory(directory);
            var configPath = Path.Combine(directory, "many.yaml");
            var templatePath = Path.Combine(directory, "many-template.yaml");
            string ForFile(string db) => new NpgsqlConnectionStringBuilder(server.ConnectionFor(db)) { Password = null }.ConnectionString + ";Password=${FERRY_PG_PASSWORD}";
            await File.WriteAllTextAsync(configPath, SampleConfigWriter.Render(sample, ForFile(Target), parallelism: options.Parallelism), cancellationToken);
            await File.WriteAllTextAsync(templatePath, SampleConfigWriter.Render(sample, ForFile(Template), parallelism: options.Parallelism), cancellationToken);

            // Scaffolded once into a template; every repetition starts from a copy of it, so none pays for the other's leftovers.
            await server.RecreateAsync(Template, cancellationToken);
            var password = new NpgsqlConnectionStringBuilder(options.Server).Password ?? "";
            var config = ConfigLoader.Load(templatePath, name => name == "FERRY_PG_PASSWORD" ? password : Environment.GetEnvironmentVariable(name));
            var context = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], cancellationToken);
            await Scaffolder.ScaffoldAsync(context, Path.Combine(directory, "many-scaffold"), apply: true, cancellationToken);

            report.ManyEntities = sample.EntityCount;
            report.ManyDistricts = sample.Districts.Count;
            report.ManyRows = sample.TotalRows;
            var ceiling = new BareCeiling(server.ConnectionFor(Target), directory);
            for (var rep = 1; rep <= options.Repeat; rep++)
            {
                await server.CopyAsync(Template, Target, cancellationToken);
                var load = await dm(["run", "--config", configPath]);
                if (load.ExitCode != 0)
                {
                    throw new InvalidOperationException($"dm run of the many-entity shape exited {load.ExitCode}");
                }

                if (rep == 1)
                {
                    await ceiling.CaptureAsync(cancellationToken);
                }

                var copy = await ceiling.MeasureAsync(cancellationToken);
                report.ManyLoadSeconds.Add(load.Elapsed.TotalSeconds);
                report.ManyCeilingSeconds.Add(copy.TotalSeconds);
                report.ManyRatios.Add(copy.TotalSeconds / load.Elapsed.TotalSeconds);
                log.Report($"many entities {rep}/{options.Repeat}: load {load.Elapsed.TotalSeconds:0.0} s, ceiling {copy.TotalSeconds:0.0} s " +
                    $"({ceiling.Rows:N0} rows in {ceiling.Tables} tables, {ceiling.Indexes} keys and indexes, {ceiling.ForeignKeys} foreign keys), load_vs_ceiling {copy.TotalSeconds / load.Elapsed.TotalSeconds:0.00}");
            }
        }
        finally
        {
            foreach (var db in sample.Districts.Select(d => d.Database).Append(Target).Append(Template))
            {
                await server.DropAsync(db, CancellationToken.None);
            }
        }
    }
}
