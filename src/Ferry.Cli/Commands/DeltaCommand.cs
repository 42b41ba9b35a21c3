using System.CommandLine;
using System.Globalization;
using Ferry.Core.Deltas;
using Ferry.Engine.Deltas;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm delta</c>: one pass applying each district's legacy changes since its last delta, then its reports when
/// <c>reports:</c> is configured (exit 0 done, 2 refused or usage error, 3 failed, 4 stopped, 5 reports not written); <c>dm delta enable|disable</c>: the change capture statements of each legacy
/// database, printed, and run with <c>--apply</c>.
/// </summary>
internal static class DeltaCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = CommonOptions.District();
        var command = new Command("delta", "Apply the changes made in the legacy databases since the last delta (or the full load), for every district or those named, and write its reports. Exit 0 done, 2 refused/usage error, 3 failed, 4 stopped, 5 reports not written")
        {
            config, district, Setup("enable", enable: true), Setup("disable", enable: false),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var districts = CommonOptions.Values(parse, district);
            var context = await MigrationContext.ResolveAsync(cfg, districts, [], cancellationToken);
            await using var engine = await DeltaEngine.OpenAsync(context, cancellationToken);
            using var interruption = new Interruption("step", "step", cancellationToken);
            var outcome = await DeltaRunner.RunAsync(engine, new DeltaRequest(districts), Line, interruption.Stop, interruption.Abort);
            var reported = await ReportsCommand.PublishAfterAsync(cfg, outcome.RunId, "delta", CancellationToken.None);
            switch (outcome.Exit)
            {
                case RunExit.Completed:
                    Line($"delta {outcome.RunId}: completed, {outcome.Districts.Sum(d => d.Rows):N0} row(s) changed in {outcome.Districts.Count} district(s)");
                    return reported ? ExitCodes.Ok : ExitCodes.ReportsFailed;
                case RunExit.Stopped:
                    Line($"delta {outcome.RunId} stopped; the next delta continues from each district's stored position");
                    return ExitCodes.Stopped;
                default:
                    return CliApp.Fail($"delta {outcome.RunId} failed: {outcome.Message}; the next delta continues from each district's stored position", ExitCodes.Failed);
            }
        });
        return command;
    }

    private static Command Setup(string name, bool enable)
    {
        var config = CommonOptions.Config();
        var district = CommonOptions.District();
        var apply = new Option<bool>("--apply") { Description = "Run the statements (idempotent) instead of only printing them" };
        var command = new Command(name, enable
            ? "Print (with --apply run) the statements that turn change capture on in each legacy database: Change Tracking on SQL Server, a change log and row triggers on the stand-in"
            : "Print (with --apply run) the statements that turn change capture off again")
        {
            config, district, apply,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var context = await MigrationContext.ResolveAsync(cfg, CommonOptions.Values(parse, district), [], cancellationToken);
            var plan = ChangeCaptureSetup.Plan(context, enable);
            var run = parse.GetValue(apply);
            foreach (var p in plan)
            {
                Console.WriteLine($"-- district {p.District} (database {p.Database})");
                if (enable && p.DiffBasedTables.Count > 0)
                {
                    Console.WriteLine($"-- diff-based deltas (no primary key that is the entity's key, so change capture cannot follow them): {string.Join(", ", p.DiffBasedTables)}");
                }

                foreach (var statement in p.Statements)
                {
                    Console.WriteLine(statement.TrimEnd().TrimEnd(';') + ";");
                }
            }

            if (!run)
            {
                Console.WriteLine("-- not run: add --apply to run these statements");
                return ExitCodes.Ok;
            }

            await ChangeCaptureSetup.ApplyAsync(context, plan, enable, cancellationToken);
            Console.WriteLine($"change capture {(enable ? "enabled" : "disabled")} for {string.Join(", ", plan.Select(p => p.District))}");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Line(string text)
    {
        Console.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {text}");
        Console.Out.Flush();
    }
}
