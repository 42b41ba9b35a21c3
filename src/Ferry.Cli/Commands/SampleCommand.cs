using System.CommandLine;
using Ferry.Sample;

namespace Ferry.Cli.Commands;

/// <summary><c>dm sample</c>: legacy district databases with a realistic K-12 schema, and a configuration for them.</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var districts = new Option<int>("--districts") { Description = "How many district databases", DefaultValueFactory = _ => 3 };
        var profile = new Option<string>("--profile") { Description = "small (about 20 entities, for tests) or full (383 entities)", DefaultValueFactory = _ => "small" };
        profile.AcceptOnlyFromAmong("small", "full");
        var students = new Option<int>("--students") { Description = "Students in the largest district; the others are smaller", DefaultValueFactory = _ => 2_000 };
        var results = new Option<int?>("--results") { Description = "Assessment results in the largest district (default 3 x students)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed gives the same rows on every machine", DefaultValueFactory = _ => 42 };
        var server = new Option<string?>("--server") { Description = "Connection string of the PostgreSQL server to create the databases on (default: the local cluster of scripts/pg.sh)" };
        var prefix = new Option<string>("--prefix") { Description = "Database name prefix", DefaultValueFactory = _ => "legacy_" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the migration configuration for the generated districts", DefaultValueFactory = _ => "migration.yaml" };
        var target = new Option<string>("--target-database")
        {
            Description = "The target database named in the written configuration; created empty on the same server (dropped first if it exists, like the legacy databases)",
            DefaultValueFactory = _ => "ferry_target",
        };
        var command = new Command("sample", "Create legacy district databases (PostgreSQL standing in for SQL Server), an empty target database and a configuration that migrates them")
        {
            districts, profile, students, results, seed, server, prefix, output, target,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var admin = LocalServer.Resolve(parse.GetValue(server));
            await LocalServer.RequireReachableAsync(admin, local: parse.GetValue(server) is null, cancellationToken);
            var result = await SampleGenerator.GenerateAsync(
                new SampleOptions
                {
                    AdminConnection = admin,
                    Districts = parse.GetValue(districts),
                    Profile = parse.GetValue(profile) == "full" ? SampleProfile.Full : SampleProfile.Small,
                    Students = parse.GetValue(students),
                    AssessmentResults = parse.GetValue(results),
                    Seed = parse.GetValue(seed),
                    DatabasePrefix = parse.GetRequiredValue(prefix),
                },
                new Progress<string>(Console.WriteLine),
                cancellationToken);
            // A new sample is new legacy databases: a target that already held a load of the old ones would refuse them
            // (their registration names other databases), so the target starts empty too.
            var targetDatabase = parse.GetRequiredValue(target);
            await LocalServer.RecreateDatabaseAsync(admin, targetDatabase, cancellationToken);
            Console.WriteLine($"target database {targetDatabase} created, empty");

            var path = parse.GetRequiredValue(output);
            var reports = LocalReports.For("migration-reports");
            var yaml = SampleConfigWriter.Render(result, ForFile(admin, targetDatabase), reports: reports);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, yaml, cancellationToken);
            Console.WriteLine($"{result.Districts.Count} district(s), {result.EntityCount} entities, {result.TotalRows:N0} rows; configuration written to {path}; {LocalReports.Describe(reports)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A connection to another database of the server for a file: the password becomes a reference to the environment.</summary>
    internal static string ForFile(string admin, string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database, Password = null }.ConnectionString + ";Password=${FERRY_PG_PASSWORD}";
}
