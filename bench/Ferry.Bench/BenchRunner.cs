using System.Globalization;
using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;
using Ferry.Sample;
using Npgsql;

namespace Ferry.Bench;

/// <summary>
/// Builds the legacy data set, then measures, each step repeated: the load (as the dm tool, a child process whose
/// peak memory is read), the ceiling (raw binary COPY of the load's own final rows), verify, pgloader when asked,
/// and planning at programme scale. All on the same machine in one invocation, so the ratios compare like with like.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchReport> RunAsync(BenchOptions options, IProgress<string> log, CancellationToken cancellationToken)
    {
        var server = new BenchDatabase(options.Server);
        var directory = Path.Combine(Path.GetTempPath(), $"ferry-bench-{Guid.NewGuid():N}");
        var report = new BenchReport { Machine = Machine() };
        var dataset = new BenchDataset(server, options, directory);
        var environment = new Dictionary<string, string> { ["FERRY_PG_PASSWORD"] = new NpgsqlConnectionStringBuilder(options.Server).Password ?? "" };
        try
        {
            if (options.Large)
            {
                await LargeAsync(options, server, dataset, environment, directory, report, log, cancellationToken);
            }

            if (options.Many)
            {
                await ManyEntitiesBench.RunAsync(options, server, args => Dm(options, environment, cancellationToken, args), directory, report, log, cancellationToken);
            }

            await PlanningAsync(options, server, report, log, cancellationToken);
            return report;
        }
        finally
        {
            foreach (var db in new[] { BenchDataset.Legacy, BenchDataset.Target, PgloaderRun.Database, "ferry_bench_plan_src", "ferry_bench_plan" })
            {
                await server.DropAsync(db, CancellationToken.None);
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The large-table shape: students and their assessment results, load against the COPY ceiling, verify, rollback, pgloader.</summary>
    private static async Task LargeAsync(BenchOptions options, BenchDatabase server, BenchDataset dataset, Dictionary<string, string> environment, string directory, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        log.Report($"creating the legacy data set: {options.Students:N0} students, {options.ResultRows:N0} assessment results");
        await dataset.CreateAsync(cancellationToken);
        var config = ConfigLoader.Load(dataset.ConfigPath, name => environment.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name));
        var context = await MigrationContext.ResolveAsync(config, [], [], cancellationToken);
        await Scaffolder.ScaffoldAsync(context, Path.Combine(directory, "scaffold"), apply: true, cancellationToken);
        // Change capture before the first load, as an operator would: every load then records a position deltas start from.
        await Dm(options, environment, cancellationToken, "delta", "enable", "--config", dataset.ConfigPath, "--apply");
        report.Rows["student"] = options.Students;
        report.Rows["student_assessment_result"] = options.ResultRows;

        var ceiling = new CeilingCopy(dataset.TargetConnection, options.Parallelism, directory);
        for (var rep = 1; rep <= options.Repeat; rep++)
        {
            await LoadAsync(options, dataset, environment, report, log, rep, cancellationToken);
            if (rep == 1)
            {
                foreach (var table in new[] { "assessment", "student", "student_assessment_result" })
                {
                    await ceiling.DumpAsync(table, cancellationToken);
                }

                foreach (var (step, indexAfter) in new[] { ("copy", false), ("copy_index_after", true) })
                {
                    for (var c = 1; c <= options.Repeat; c++)
                    {
                        await dataset.ResetTargetAsync(cancellationToken);
                        var student = await ceiling.LoadAsync("assessment", indexAfter, cancellationToken) + await ceiling.LoadAsync("student", indexAfter, cancellationToken);
                        var results = await ceiling.LoadAsync("student_assessment_result", indexAfter, cancellationToken);
                        Record(report, step, ceiling.Rows("student"), student, ceiling.Rows("student_assessment_result"), results);
                        log.Report($"{step} {c}/{options.Repeat}: students {Rate(ceiling.Rows("student"), student)}, results {Rate(ceiling.Rows("student_assessment_result"), results)}");
                    }
                }
            }
        }

        if (options.Repeat == 1)
        {
            // The ceiling left the target without the load's own records (quarantine, loads), which verify
            // reads: load once more, uncounted, so verify measures a real migration.
            await LoadAsync(options, dataset, environment, new BenchReport(), log, 0, cancellationToken);
        }

        await VerifyAsync(options, dataset, environment, report, log, cancellationToken);
        await DeltaAsync(options, dataset, environment, report, log, cancellationToken);
        await RollbackAsync(options, dataset, environment, report, log, cancellationToken);
        if (options.ComparePgloader)
        {
            await PgloaderAsync(options, server, dataset, report, log, cancellationToken);
        }
    }

    private static async Task LoadAsync(BenchOptions options, BenchDataset dataset, Dictionary<string, string> environment, BenchReport report, IProgress<string> log, int rep, CancellationToken cancellationToken)
    {
        await dataset.ResetTargetAsync(cancellationToken);
        var parallelism = options.Parallelism.ToString(CultureInfo.InvariantCulture);
        var students = await Dm(options, environment, cancellationToken, "run", "--config", dataset.ConfigPath, "--entity", "dbo.Assessment", "--entity", "dbo.Student", "--parallelism", parallelism);
        var results = await Dm(options, environment, cancellationToken, "run", "--config", dataset.ConfigPath, "--entity", "dbo.StudentAssessmentResult", "--parallelism", parallelism);
        Record(report, "load", options.Students, students.Elapsed, options.ResultRows, results.Elapsed);
        report.LoadPeakRssMb.Add(Math.Max(students.PeakRssBytes, results.PeakRssBytes) / 1048576.0);
        log.Report($"load {rep}/{options.Repeat}: students {Rate(options.Students, students.Elapsed)}, results {Rate(options.ResultRows, results.Elapsed)}, peak {Math.Max(students.PeakRssBytes, results.PeakRssBytes) / 1048576.0:N0} MB");
    }

    private static async Task VerifyAsync(BenchOptions options, BenchDataset dataset, Dictionary<string, string> environment, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        for (var rep = 1; rep <= options.Repeat; rep++)
        {
            var verify = await Dm(options, environment, cancellationToken, "verify", "--config", dataset.ConfigPath);
            if (verify.ExitCode is not (0 or 1))
            {
                log.Report($"verify could not run (exit {verify.ExitCode}); skipped");
                return;
            }

            var rows = options.Students + options.ResultRows + 200L;
            report.Get("total", "verify").Add(rows / verify.Elapsed.TotalSeconds);
            report.VerifyPeakRssMb.Add(verify.PeakRssBytes / 1048576.0);
            log.Report($"verify {rep}/{options.Repeat}: {Rate(rows, verify.Elapsed)}, peak {verify.PeakRssBytes / 1048576.0:N0} MB");
        }
    }

    /// <summary>
    /// dm delta after 1% of the students changed in the legacy database (a different 1% each repetition): changed rows
    /// applied per second of wall time, process start, context and the reads of the change log included.
    /// </summary>
    private static async Task DeltaAsync(BenchOptions options, BenchDataset dataset, Dictionary<string, string> environment, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        for (var rep = 1; rep <= options.Repeat; rep++)
        {
            var changed = await BenchDatabase.CountAsync(dataset.LegacyConnection,
                $"WITH u AS (UPDATE dbo.\"Student\" SET \"MiddleName\" = 'delta {rep}' WHERE \"StudentId\" % 100 = {rep} RETURNING 1) SELECT count(*) FROM u", cancellationToken);
            var delta = await Dm(options, environment, cancellationToken, "delta", "--config", dataset.ConfigPath);
            if (delta.ExitCode != 0)
            {
                log.Report($"delta failed (exit {delta.ExitCode}); skipped");
                return;
            }

            report.Get("student", "delta").Add(changed / delta.Elapsed.TotalSeconds);
            log.Report($"delta {rep}/{options.Repeat}: {changed:N0} changed students (1%), {Rate(changed, delta.Elapsed)}, peak {delta.PeakRssBytes / 1048576.0:N0} MB");
        }
    }

    /// <summary>
    /// dm rollback of the district (the students' run, and with --cascade the results' run after it) as a child process:
    /// target rows deleted per second of wall time, process start and planning included. Each repetition after the
    /// first loads the district again first, uncounted.
    /// </summary>
    private static async Task RollbackAsync(BenchOptions options, BenchDataset dataset, Dictionary<string, string> environment, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        for (var rep = 1; rep <= options.Repeat; rep++)
        {
            if (rep > 1)
            {
                await LoadAsync(options, dataset, environment, new BenchReport(), log, 0, cancellationToken);
            }

            var rows = await BenchDatabase.CountAsync(dataset.TargetConnection,
                "SELECT (SELECT count(*) FROM dbo.student) + (SELECT count(*) FROM dbo.student_assessment_result) + (SELECT count(*) FROM dbo.assessment)", cancellationToken);
            var first = await BenchDatabase.TextAsync(dataset.TargetConnection, "SELECT run_id FROM ferry.run WHERE kind = 'run' AND state = 'completed' ORDER BY started_at LIMIT 1", cancellationToken);
            var rollback = await Dm(options, environment, cancellationToken, "rollback", "--config", dataset.ConfigPath, "--run", first, "--district", "bench", "--cascade");
            report.Get("total", "rollback").Add(rows / rollback.Elapsed.TotalSeconds);
            log.Report($"rollback {rep}/{options.Repeat}: {rows:N0} rows, {Rate(rows, rollback.Elapsed)}, peak {rollback.PeakRssBytes / 1048576.0:N0} MB");
        }
    }

    private static async Task PgloaderAsync(BenchOptions options, BenchDatabase server, BenchDataset dataset, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        if (!PgloaderRun.Installed)
        {
            log.Report("pgloader is not installed (apt-get install pgloader); comparison skipped");
            return;
        }

        for (var rep = 1; rep <= options.Repeat; rep++)
        {
            var run = await PgloaderRun.RunAsync(server, dataset.LegacyConnection, Path.GetDirectoryName(dataset.ConfigPath)!, cancellationToken);
            if (run.ExitCode != 0)
            {
                log.Report($"pgloader failed (exit {run.ExitCode}); comparison skipped");
                return;
            }

            var rows = options.Students + options.ResultRows + 200L;
            report.Get("total", "pgloader").Add(rows / run.Elapsed.TotalSeconds);
            log.Report($"pgloader {rep}/{options.Repeat}: {Rate(rows, run.Elapsed)}, peak {run.PeakRssBytes / 1048576.0:N0} MB");
        }
    }

    private static async Task PlanningAsync(BenchOptions options, BenchDatabase server, BenchReport report, IProgress<string> log, CancellationToken cancellationToken)
    {
        var sample = await SampleGenerator.GenerateAsync(
            new SampleOptions { AdminConnection = options.Server, Districts = 1, Profile = SampleProfile.Full, Students = 20, DatabasePrefix = "ferry_bench_plan_src_" },
            null,
            cancellationToken);
        try
        {
            var district = new DistrictSettings("plan", Guid.NewGuid(), new SourceSettings("postgres", sample.Districts[0].Connection));
            var schema = await MigrationContext.IntrospectAsync(district, cancellationToken);
            var times = new Figures();
            PlanningBench.Result? last = null;
            for (var rep = 1; rep <= options.Repeat; rep++)
            {
                await server.RecreateAsync("ferry_bench_plan", cancellationToken);
                last = await PlanningBench.RunAsync(schema, sample.Relationships, sample.Keys, options.PlanDistricts, server.ConnectionFor("ferry_bench_plan"), cancellationToken);
                times.Add(last.Elapsed.TotalSeconds);
            }

            report.PlanningSeconds = times.Median;
            report.PlanningLoads = last!.Loads;
            report.PlanningBatches = last.Batches;
            log.Report($"planning: {last.Loads:N0} loads over {last.Entities} entities, {last.Batches:N0} batches in {times.Median:0.00} s (median)");
        }
        finally
        {
            foreach (var d in sample.Districts)
            {
                await server.DropAsync(d.Database, CancellationToken.None);
            }
        }
    }

    private static async Task<ChildProcess.Result> Dm(BenchOptions options, Dictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var dll = options.DmPath.EndsWith(".dll", StringComparison.Ordinal);
        var result = await ChildProcess.RunAsync(dll ? "dotnet" : options.DmPath, dll ? [options.DmPath, .. args] : args, environment, cancellationToken);
        if (result.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"dm {args[0]} exited {result.ExitCode}: {result.Output.Split('\n').LastOrDefault(l => l.StartsWith("error", StringComparison.Ordinal)) ?? result.Output[^Math.Min(300, result.Output.Length)..]}");
        }

        return result;
    }

    private static void Record(BenchReport report, string step, long students, TimeSpan studentTime, long results, TimeSpan resultTime)
    {
        report.Get("student", step).Add(students / studentTime.TotalSeconds);
        report.Get("student_assessment_result", step).Add(results / resultTime.TotalSeconds);
        report.Get("total", step).Add((students + results) / (studentTime + resultTime).TotalSeconds);
    }

    private static string Rate(long rows, TimeSpan elapsed) => $"{rows / elapsed.TotalSeconds:N0} rows/s";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores, {cpu ?? "unknown CPU"}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:N0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
