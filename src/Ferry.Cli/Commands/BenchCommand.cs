using System.CommandLine;
using Ferry.Bench;

namespace Ferry.Cli.Commands;

/// <summary><c>dm bench</c>: the throughput benchmark (load against the COPY ceiling for two shapes, verify, rollback, pgloader, memory, planning).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var students = new Option<int>("--students") { Description = "Students in the legacy data set", DefaultValueFactory = _ => 1_000_000 };
        var results = new Option<int?>("--results") { Description = "Assessment results (default 3 x students)" };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions of each step; medians are reported", DefaultValueFactory = _ => 3 };
        var parallelism = new Option<int>("--parallelism") { Description = "Batches (and ceiling COPY streams) in flight", DefaultValueFactory = _ => 4 };
        var pgloader = new Option<bool>("--compare-pgloader") { Description = "Also time pgloader (Debian package) on the same legacy tables" };
        var planDistricts = new Option<int>("--plan-districts") { Description = "Districts in the planning benchmark (x 383 entities)", DefaultValueFactory = _ => 50 };
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file" };
        var shape = new Option<string>("--shape") { Description = "large (two big tables), many (districts of 383 mostly small entities, load against its ceiling) or both", DefaultValueFactory = _ => "large" };
        shape.AcceptOnlyFromAmong("large", "many", "both");
        var manyDistricts = new Option<int>("--many-districts") { Description = "Districts of the many-entity shape", DefaultValueFactory = _ => 3 };
        var manyStudents = new Option<int>("--many-students") { Description = "Students in the largest district of the many-entity shape", DefaultValueFactory = _ => 2_000 };
        var server = new Option<string?>("--server") { Description = "PostgreSQL server connection (default: the local cluster of scripts/pg.sh)" };
        var command = new Command("bench", "Measure the full load against raw binary COPY of the same rows, verify, pgloader and planning; print the figures")
        {
            students, results, repeat, parallelism, pgloader, planDistricts, json, shape, manyDistricts, manyStudents, server,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new BenchOptions
            {
                Server = LocalServer.Resolve(parse.GetValue(server)),
                Students = parse.GetValue(students),
                Results = parse.GetValue(results),
                Repeat = parse.GetValue(repeat),
                Parallelism = parse.GetValue(parallelism),
                ComparePgloader = parse.GetValue(pgloader),
                PlanDistricts = parse.GetValue(planDistricts),
                JsonPath = parse.GetValue(json),
                Shape = parse.GetRequiredValue(shape),
                ManyDistricts = parse.GetValue(manyDistricts),
                ManyStudents = parse.GetValue(manyStudents),
                DmPath = Path.Combine(AppContext.BaseDirectory, "dm.dll"),
            };
            if (options.Students < 1 || options.Repeat < 1 || options.Parallelism < 1 || options.ResultRows < 1 || options.ManyDistricts < 1 || options.ManyStudents < 10)
            {
                return CliApp.Fail("--students, --results, --repeat, --parallelism and --many-districts must be at least 1, --many-students at least 10", ExitCodes.Usage);
            }

            var report = await BenchRunner.RunAsync(options, new Progress<string>(m => Console.WriteLine(m)), cancellationToken);
            report.Print(Console.Out);
            if (options.JsonPath is { } path)
            {
                await File.WriteAllTextAsync(path, report.ToJson(), cancellationToken);
                Console.WriteLine($"figures written to {path}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
