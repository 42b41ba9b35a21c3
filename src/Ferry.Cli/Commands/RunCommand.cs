using System.CommandLine;
using Ferry.Cli.Output;
using Ferry.Core.Configuration;
using Ferry.Engine.Rollback;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary><c>dm run</c>: the full load.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = CommonOptions.District();
        var entity = CommonOptions.Entity();
        var dryRun = new Option<bool>("--dry-run") { Description = "Read, map and check everything, write nothing (every transaction rolls back), then report what would load and what would be quarantined" };
        var until = new Option<string?>("--until") { Description = "Stop cleanly at a batch boundary at this time of day (HH:MM, local); the next invocation resumes" };
        var maxDuration = new Option<string?>("--max-duration") { Description = $"Stop cleanly at a batch boundary after this long ({Core.Configuration.Durations.Examples})" };
        var parallelism = CommonOptions.Parallelism("Batches in flight at once (overrides parallelism: in the configuration)");
        var keepIndexes = new Option<bool>("--keep-indexes") { Description = "Maintain the indexes of tables loaded from empty row by row instead of building them once after the load (slower; for targets queried while they load)" };
        var acceptSourceChange = new Option<string[]>("--accept-source-change")
        {
            Description = "This district's legacy database was restored from backup or failed over: record its new fingerprint (after checking it is still the database the configuration names) instead of refusing (repeatable)",
        };
        var reload = new Option<bool>("--reload")
        {
            Description = "Delete the tenant's rows of the --entity entities first (kept as before-images, so rolling this run back restores them), then load them again with the same UUIDs; refused while a loaded entity outside --entity references them",
        };
        var logFormat = CommonOptions.LogFormat();
        var command = new Command("run", "Migrate the configured districts (full load); resumes an interrupted run. Exit 0 done, 2 usage/configuration error, 3 failed (resumable), 4 stopped at the end of its window (resumable), 5 done but reports not written")
        {
            config, district, entity, dryRun, until, maxDuration, parallelism, keepIndexes, acceptSourceChange, reload, logFormat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var accepted = CommonOptions.Values(parse, acceptSourceChange);
            foreach (var id in accepted)
            {
                _ = cfg.District(id);
            }

            var options = new RunOptions
            {
                DryRun = parse.GetValue(dryRun),
                Deadline = RunWindow.Deadline(parse.GetValue(until), parse.GetValue(maxDuration), DateTimeOffset.Now),
                Parallelism = parse.GetValue(parallelism),
                KeepIndexes = parse.GetValue(keepIndexes),
                AcceptSourceChange = accepted.ToHashSet(StringComparer.Ordinal),
            };
            if (parse.GetValue(reload) && (CommonOptions.Values(parse, entity).Count == 0 || options.DryRun))
            {
                throw new ConfigException(options.DryRun ? "--reload: not with --dry-run (a dry run writes nothing)" : "--reload: name the entities to load again with --entity");
            }

            var format = LogFormats.Choose(parse.GetValue(logFormat), Console.IsOutputRedirected);
            var context = await MigrationContext.ResolveAsync(cfg, CommonOptions.Values(parse, district), CommonOptions.Values(parse, entity), cancellationToken);
            if (parse.GetValue(reload))
            {
                var (_, failure) = await EntityReload.PrepareAsync(context, options, RunRunner.HumanOutput(format).WriteLine, cancellationToken);
                if (failure is not null)
                {
                    return CliApp.Fail($"{failure}; run the same command again to resume", ExitCodes.Failed);
                }
            }

            var outcome = await RunRunner.RunAsync(context, options, cancellationToken, format);
            var reported = options.DryRun || await RunRunner.WriteReportsAsync(context, outcome, cancellationToken, RunRunner.HumanOutput(format));
            return outcome.Exit switch
            {
                RunExit.Completed => reported ? ExitCodes.Ok : ExitCodes.ReportsFailed,
                RunExit.Stopped => ExitCodes.Stopped,
                _ => ExitCodes.Failed,
            };
        });
        return command;
    }
}
