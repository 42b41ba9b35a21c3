using System.CommandLine;
using System.Globalization;
using Ferry.Core.Configuration;
using Ferry.Engine.Rollback;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm rollback</c>: undoes a run for some or all of its districts, leaving every other tenant as it is. Exit 0 done,
/// 2 refused or usage error (nothing written), 3 failed (resumable), 4 stopped on Ctrl+C (resumable).
/// </summary>
internal static class RollbackCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var run = new Option<string>("--run") { Description = "The run to roll back (the id dm run prints and dm status lists)", Required = true };
        var district = new Option<string[]>("--district", "-d")
        {
            Description = "Only this district of the run (repeatable); default: every district of the run",
            AllowMultipleArgumentsPerToken = false,
        };
        var cascade = new Option<bool>("--cascade") { Description = "Also roll back, newest first, the later runs that changed the same districts' rows (refused without it)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print per district and entity the rows that would be deleted and restored; write nothing" };
        var command = new Command("rollback", "Return the target to its state before a run, for some or all of its districts, without touching other tenants; resumable. Exit 0 done, 2 refused/usage error, 3 failed (resumable), 4 stopped (resumable)")
        {
            config, run, district, cascade, dryRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            if (!Guid.TryParse(parse.GetRequiredValue(run), out var runId))
            {
                throw new ConfigException($"--run {parse.GetRequiredValue(run)}: not a run id (a UUID, as dm run prints it)");
            }

            var districts = CommonOptions.Values(parse, district);
            foreach (var id in districts)
            {
                _ = cfg.District(id);
            }

            var request = new RollbackRequest(runId, districts, parse.GetValue(cascade));
            var dry = parse.GetValue(dryRun);
            await using var scope = await RollbackScope.OpenAsync(cfg, cancellationToken);
            RollbackResult result;
            using (var interruption = new Interruption("step", "step", cancellationToken))
            {
                result = await RollbackRunner.RunAsync(scope, request, dry, Line, interruption.Stop, interruption.Abort);
            }

            if (dry && result.Exit == RunExit.Completed)
            {
                PrintDryRun(result.Plan);
                return ExitCodes.Ok;
            }

            switch (result.Exit)
            {
                case RunExit.Completed:
                    PrintOutcome(result);
                    return ExitCodes.Ok;
                case RunExit.Stopped:
                    Line($"rollback {result.OperationId} stopped; run the same command again to resume");
                    return ExitCodes.Stopped;
                default:
                    return CliApp.Fail($"{result.Message}; run the same command again to resume", ExitCodes.Failed);
            }
        });
        return command;
    }

    private static void PrintDryRun(RollbackPlan plan)
    {
        Console.WriteLine($"rollback of run {plan.RunId} (dry run: nothing written)");
        foreach (var d in plan.Districts)
        {
            Console.WriteLine(d.Runs.Count == 0
                ? $"district {d.District}: nothing of run {plan.RunId} left to undo"
                : $"district {d.District} (tenant {d.Tenant}): would undo run(s) {string.Join(", ", d.Runs.Reverse())}, newest first");
            foreach (var e in plan.Entities.Where(e => e.District == d.District && (e.RowsToDelete > 0 || e.RowsToRestore > 0)).OrderBy(e => e.Entity, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {e.District} {e.Entity}: would delete {e.RowsToDelete:N0}, restore {e.RowsToRestore:N0}");
            }

            var entities = plan.Entities.Where(e => e.District == d.District).ToList();
            Console.WriteLine($"  {d.District} total: would delete {entities.Sum(e => e.RowsToDelete):N0}, restore {entities.Sum(e => e.RowsToRestore):N0}");
        }
    }

    private static void PrintOutcome(RollbackResult result)
    {
        var outcome = result.Outcome!;
        foreach (var group in outcome.RolledBack.GroupBy(r => r.District).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (deleted, restored) = outcome.Rows.GetValueOrDefault(group.Key);
            Console.WriteLine($"district {group.Key}: run(s) {string.Join(", ", group.Select(g => g.Run))} rolled back: {deleted:N0} row(s) deleted, {restored:N0} restored" +
                (outcome.Unregistered.Contains(group.Key) ? "; no run left, registration cleared" : ""));
        }

        var total = outcome.Rows.Values.Sum(r => r.Deleted + r.Restored);
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rollback {outcome.OperationId}: completed in {result.Elapsed.TotalSeconds:N1} s ({total / seconds:N0} rows/s)"));
    }

    private static void Line(string text)
    {
        Console.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {text}");
        Console.Out.Flush();
    }
}
