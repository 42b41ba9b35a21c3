using System.CommandLine;
using Ferry.Core.Configuration;
using Ferry.Engine.Running;
using Ferry.Engine.Scaffolding;
using Ferry.Engine.Status;
using Ferry.Engine.Verification;
using Ferry.Sample;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm demo</c>: the whole job on built-in demo data. Generates legacy districts, recreates the demo target
/// database, scaffolds and applies the target schema, runs the full load, prints where everything stands, verifies
/// parity and ends with the summary and where its report page is. Reports go to the Azurite emulator when
/// FERRY_BLOB_CONNECTION is set (scripts/demo.sh sets it), otherwise to a reports folder beside the configuration.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var districts = new Option<int>("--districts") { Description = "How many district databases", DefaultValueFactory = _ => 3 };
        var profile = new Option<string>("--profile") { Description = "small or full (383 entities)", DefaultValueFactory = _ => "full" };
        profile.AcceptOnlyFromAmong("small", "full");
        var students = new Option<int>("--students") { Description = "Students in the largest district", DefaultValueFactory = _ => 2_000 };
        var server = new Option<string?>("--server") { Description = "PostgreSQL server connection (default: the local cluster of scripts/pg.sh)" };
        var directory = new Option<string>("--dir") { Description = "Where the demo's configuration, scaffold and reports go", DefaultValueFactory = _ => ".local/demo" };
        var command = new Command("demo", "Run the main job end to end on generated demo districts") { districts, profile, students, server, directory };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var admin = LocalServer.Resolve(parse.GetValue(server));
            await LocalServer.RequireReachableAsync(admin, local: parse.GetValue(server) is null, cancellationToken);
            var dir = Path.GetFullPath(parse.GetRequiredValue(directory));
            Directory.CreateDirectory(dir);
            const string targetDb = "ferry_demo";
            Console.WriteLine($"1/5 generating {parse.GetValue(districts)} legacy district database(s), profile {parse.GetValue(profile)}");
            var sample = await SampleGenerator.GenerateAsync(
                new SampleOptions
                {
                    AdminConnection = admin,
                    Districts = parse.GetValue(districts),
                    Profile = parse.GetValue(profile) == "full" ? SampleProfile.Full : SampleProfile.Small,
                    Students = parse.GetValue(students),
                    DatabasePrefix = "demo_legacy_",
                },
                new Progress<string>(m => Console.WriteLine($"    {m}")),
                cancellationToken);
            var configPath = Path.Combine(dir, "migration.yaml");
            var yaml = SampleConfigWriter.Render(sample, SampleCommand.ForFile(admin, targetDb), reports: LocalReports.For("ferry-demo-reports"));
            await File.WriteAllTextAsync(configPath, yaml, cancellationToken);
            await LocalServer.RecreateDatabaseAsync(admin, targetDb, cancellationToken);
            Console.WriteLine($"    {sample.EntityCount} entities, {sample.TotalRows:N0} legacy rows; configuration {configPath}");

            var config = ConfigLoader.Load(configPath);
            Console.WriteLine("2/5 scaffolding the target schema");
            var scaffoldContext = await MigrationContext.ResolveAsync(config, [config.Districts[0].Id], [], cancellationToken);
            var scaffold = await Scaffolder.ScaffoldAsync(scaffoldContext, Path.Combine(dir, "scaffold"), apply: true, cancellationToken);
            Console.WriteLine($"    {scaffold.Entities} target tables created in database {targetDb}");

            Console.WriteLine("3/5 migrating");
            var context = await MigrationContext.ResolveAsync(config, [], [], cancellationToken);
            var outcome = await RunRunner.RunAsync(context, new RunOptions(), cancellationToken);
            var reported = await RunRunner.WriteReportsAsync(context, outcome, cancellationToken);
            if (outcome.Exit != RunExit.Completed)
            {
                return outcome.Exit == RunExit.Stopped ? ExitCodes.Stopped : ExitCodes.Failed;
            }

            Console.WriteLine("4/5 status");
            var status = await StatusReader.ReadAsync(config, null, [], cancellationToken);
            foreach (var d in status.Entities.GroupBy(e => e.District))
            {
                Console.WriteLine($"    {d.Key}: {d.Count(e => e.State == "loaded")}/{d.Count()} entities loaded, {d.Sum(e => e.Loaded):N0} rows loaded, {d.Sum(e => e.Quarantined):N0} quarantined");
            }

            Console.WriteLine("5/5 verifying: source and target re-read independently and compared");
            var verification = await new Verifier(new Quiet()).VerifyAsync(context, new VerifyOptions(), cancellationToken);
            foreach (var d in verification.Entities.GroupBy(e => e.District))
            {
                Console.WriteLine(
                    $"    {d.Key}: {d.Count(e => e.HasParity)}/{d.Count()} entities with parity, {d.Sum(e => e.SourceRows):N0} source rows = {d.Sum(e => e.TargetRows):N0} in the target + {d.Sum(e => e.Quarantined):N0} quarantined");
            }

            foreach (var e in verification.Entities.Where(e => !e.HasParity))
            {
                Console.WriteLine($"    differs: {e.District} {e.Entity}: missing {e.Missing:N0}, extra {e.Extra:N0}, changed {e.Changed:N0}");
            }

            Console.WriteLine(
                $"summary: {(verification.HasParity ? "PASS, every entity has parity" : "FAIL, some entities differ")}; verified {verification.SourceRows:N0} rows in {verification.Elapsed.TotalSeconds:N1} s ({verification.RowsPerSecond:N0} rows/s)");
            reported &= await ReportsCommand.PublishAfterAsync(config, verification.VerifyId, "verification", cancellationToken);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, configPath);
            Console.WriteLine($"next: ./dm status --config {relative}   |   ./dm verify --config {relative}   |   ./dm reports --config {relative} --run {verification.VerifyId}");
            return !verification.HasParity ? ExitCodes.Differs : reported ? ExitCodes.Ok : ExitCodes.ReportsFailed;
        });
        return command;
    }

    private sealed class Quiet : IVerifyObserver
    {
        public void EntityVerified(Core.Reconciliation.EntityReconciliation result)
        {
        }
    }
}
