using System.CommandLine;
using System.Globalization;
using Ferry.Core.Configuration;
using Ferry.Engine.Deltas;

namespace Ferry.Cli.Commands;

/// <summary><c>dm purge</c>: removes a cut-over district's kept personal data from before a date. Exit 0 done, 2 refused (not cut over) or usage error.</summary>
internal static class PurgeCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var district = new Option<string>("--district", "-d") { Description = "The cut-over district", Required = true };
        var before = new Option<string>("--before") { Description = "Remove what was kept before this date (yyyy-MM-dd, UTC)", Required = true };
        var command = new Command("purge", "For a cut-over district: remove the quarantined originals, before-images and change log kept before a date, keeping counts, reasons and checksums. Exit 0 done, 2 refused")
        {
            config, district, before,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var id = parse.GetRequiredValue(district);
            var text = parse.GetRequiredValue(before);
            if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                throw new ConfigException($"--before {text}: not a date (yyyy-MM-dd)");
            }

            var outcome = await Purge.RunAsync(cfg, id, DateTime.SpecifyKind(date, DateTimeKind.Utc), cancellationToken);
            foreach (var (target, summary) in outcome.Targets)
            {
                foreach (var (kind, purged) in summary.Kinds)
                {
                    Console.WriteLine($"district {id}, target {target}: {kind}: {purged.Rows:N0} row(s) purged" +
                        (purged.Checksum is null ? "" : $", md5 {purged.Checksum}") +
                        (purged.Reasons is { Count: > 0 } r ? $" ({string.Join(", ", r.Select(x => $"{x.Key} {x.Value:N0}"))})" : ""));
                }
            }

            Console.WriteLine($"district {id}: {outcome.ChangeLog:N0} change-log entr{(outcome.ChangeLog == 1 ? "y" : "ies")} purged from the legacy database; recorded in ferry.purge");
            return ExitCodes.Ok;
        });
        return command;
    }
}
