using System.CommandLine;
using System.Globalization;
using Ferry.Core.Configuration;
using Ferry.Engine.Verification;
using Ferry.Reports;
using Ferry.Reports.Sinks;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>dm reports</c>: lists the reports of a run (or a verification) with time-limited, read-only download links,
/// and with <c>--rewrite</c> first writes them again from the target databases' own tables; without <c>--run</c>,
/// lists the latest runs and verifications with the link to each one's summary page. Also the one place the other
/// verbs publish their reports through.
/// </summary>
internal static class ReportsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var run = new Option<string>("--run", "-r") { Description = "The run id (or verification id) whose reports to list; without it, the latest runs and verifications are listed" };
        var last = new Option<int>("--last") { Description = "Without --run: how many of the latest runs and verifications to list", DefaultValueFactory = _ => 10 };
        var rewrite = new Option<bool>("--rewrite") { Description = "Write the reports again from the target databases first (e.g. after storage was unreachable)" };
        var expires = new Option<string>("--expires") { Description = $"How long the download links stay valid ({Durations.Examples}; Entra ID sign-in: at most 7d)", DefaultValueFactory = _ => "24h" };
        var command = new Command("reports", "List a run's or a verification's reports with read-only download links (without --run: the latest runs and verifications); --rewrite writes them again first. Exit 0, 2 usage, 5 storage unavailable")
        {
            config, run, rewrite, expires, last,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cfg = CommonOptions.Load(parse, config);
            var lifetime = ParseLifetime(parse.GetRequiredValue(expires));
            if (parse.GetValue(run) is not { } runText)
            {
                return parse.GetValue(rewrite)
                    ? CliApp.Fail("--rewrite: name the run or verification with --run", ExitCodes.Usage)
                    : parse.GetValue(last) < 1
                        ? CliApp.Fail("--last: must be 1 or more", ExitCodes.Usage)
                        : await ListLatestAsync(cfg, parse.GetValue(last), lifetime, cancellationToken);
            }

            var id = Guid.TryParse(runText, out var parsed)
                ? parsed
                : throw new ConfigException($"--run: '{runText}' is not a run id");
            var sink = SinkOf(cfg);
            try
            {
                if (parse.GetValue(rewrite))
                {
                    var published = await PublishAsync(cfg, sink, id, cancellationToken)
                        ?? throw new ConfigException($"no run or verification {id} in the target database(s) of {cfg.File}");
                    Console.WriteLine($"reports of {id} written to {published.Location}");
                }

                var files = await sink.ListAsync(ReportLayout.Prefix(id), lifetime, cancellationToken);
                if (files.Count == 0)
                {
                    await using (var known = await AuditSource.OpenAsync(cfg, id, cancellationToken))
                    {
                        if (known is null)
                        {
                            throw new ConfigException($"--run {id}: no run or verification with this id in the target database(s) of {cfg.File}");
                        }
                    }

                    return CliApp.Fail($"no reports of {id} in {sink.Location}; write them with `dm reports --config {cfg.File} --run {id} --rewrite`", ExitCodes.ReportsFailed);
                }

                foreach (var f in files)
                {
                    Console.WriteLine($"{f.Path}  {f.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes  {f.Link}");
                }

                if (files[0].LinkExpiresOn is { } until)
                {
                    Console.WriteLine($"links are read-only and valid until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
                }

                return ExitCodes.Ok;
            }
            catch (ReportStorageException e)
            {
                return CliApp.Fail($"reports: {e.Message}", ExitCodes.ReportsFailed);
            }
        });
        return command;
    }

    /// <summary>
    /// The latest runs and verifications, newest first, one line each: kind, id, state, start, and the link to its
    /// summary page, or how to write its reports when storage has none.
    /// </summary>
    private static async Task<int> ListLatestAsync(MigrationConfig config, int count, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var sink = SinkOf(config);
        var entries = await AuditIndex.LatestAsync(config, count, cancellationToken);
        if (entries.Count == 0)
        {
            Console.WriteLine($"no runs or verifications in the target database(s) of {config.File}");
            return ExitCodes.Ok;
        }

        try
        {
            DateTimeOffset? until = null;
            foreach (var e in entries)
            {
                var files = await sink.ListAsync(ReportLayout.Prefix(e.Id), lifetime, cancellationToken);
                var summary = files.FirstOrDefault(f => f.Path == ReportLayout.Prefix(e.Id) + ReportLayout.Summary);
                until ??= summary?.LinkExpiresOn;
                var where = summary?.Link ?? $"no reports: `dm reports --config {config.File} --run {e.Id} --rewrite` writes them";
                var kind = e.Kind == Core.Reconciliation.AuditKind.Run ? "run" : "verify";
                Console.WriteLine($"{kind,-6} {e.Id}  {e.State,-9}  {e.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC  {where}");
            }

            if (until is { } expires)
            {
                Console.WriteLine($"links are read-only and valid until {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            }

            return ExitCodes.Ok;
        }
        catch (ReportStorageException e)
        {
            return CliApp.Fail($"reports: {e.Message}", ExitCodes.ReportsFailed);
        }
    }

    /// <summary>The configured sink; a configuration without <c>reports:</c> is a usage error here.</summary>
    public static IReportSink SinkOf(MigrationConfig config)
    {
        try
        {
            return ReportSinks.Create(config.Reports, config.File)
                ?? throw new ConfigException($"{config.File}: no reports: section (set reports.directory, reports.connection or reports.accountUrl)");
        }
        catch (ReportStorageException e)
        {
            throw new ConfigException($"{config.File}: {e.Message}");
        }
    }

    /// <summary>
    /// Writes the reports of a run or verification from the target tables; null when no target knows the id.
    /// Storage failures throw <see cref="ReportStorageException"/>.
    /// </summary>
    public static async Task<PublishedReport?> PublishAsync(MigrationConfig config, IReportSink sink, Guid id, CancellationToken cancellationToken)
    {
        await using var source = await AuditSource.OpenAsync(config, id, cancellationToken);
        return source is null ? null : await ReportPublisher.PublishAsync(source.Report, source, sink, cancellationToken);
    }

    /// <summary>
    /// After a run or a verification: writes its reports when <c>reports:</c> is configured and prints where the
    /// summary page is (a path, or a read-only link valid 24 hours). False when they could not be written: the one-line
    /// error says the work is committed and how to write the reports later. True when written or not configured.
    /// </summary>
    public static async Task<bool> PublishAfterAsync(MigrationConfig config, Guid id, string what, CancellationToken cancellationToken, TextWriter? output = null)
    {
        try
        {
            if (ReportSinks.Create(config.Reports, config.File) is not { } sink)
            {
                return true;
            }

            var published = await PublishAsync(config, sink, id, cancellationToken);
            if (published is null)
            {
                return true;
            }

            var files = await sink.ListAsync(published.Prefix, TimeSpan.FromHours(24), cancellationToken);
            var summary = files.FirstOrDefault(f => f.Path == published.SummaryPath);
            (output ?? Console.Out).WriteLine($"report: {summary?.Link ?? published.SummaryPath}");
            return true;
        }
        catch (ReportStorageException e)
        {
            Console.Error.WriteLine(
                $"error: reports not written ({e.Message}); the {what}'s data is committed: write them later with `dm reports --config {config.File} --run {id} --rewrite`");
            return false;
        }
    }

    private static TimeSpan ParseLifetime(string text) => Durations.Parse(text, "--expires");
}
