using Ferry.Cli.Output;
using Ferry.Core.Progress;
using Ferry.Engine.Running;
using Ferry.Reports.Sinks;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Commands;

/// <summary>
/// Runs a migration with progress output and Ctrl+C and SIGTERM handling (the first stops at the next batch boundary,
/// the second aborts the batches in flight; both leave everything committed and resumable), then prints the summary.
/// Progress is the live table on a terminal, log lines otherwise (<see cref="LogFormat"/>); with reports configured,
/// the run's log.ndjson is written as it goes.
/// </summary>
internal static class RunRunner
{
    public static async Task<RunOutcome> RunAsync(MigrationContext context, RunOptions options, CancellationToken cancellationToken, LogFormat? format = null)
    {
        var chosen = format ?? LogFormats.Choose(null, Console.IsOutputRedirected);
        var terminal = chosen == LogFormat.Live ? new TerminalProgress() : null;
        var loggers = terminal is null ? ConsoleLogging.Create(chosen) : null;
        IRunObserver display = terminal is not null ? terminal : new LoggedProgress(loggers!.CreateLogger("Ferry.Run"));
        // Below the live table, not over it; on standard error otherwise, apart from the log.
        Action<string> notice = terminal is not null ? terminal.Notice : text => Console.Error.WriteLine(text);

        using var interruption = new Interruption("batch", "batches", cancellationToken, notice);
        try
        {
            options = options with { Stop = interruption.Stop };
            RunOutcome outcome;
            await using (var live = ReportSinks.Create(context.Config.Reports, context.Config.File) is { } sink ? new LiveLogObserver(sink, display.Message) : null)
            {
                var observer = live is null ? display : new RunObservers(display, live);
                var coordinator = new RunCoordinator(observer, loggers);
                outcome = terminal is null
                    ? await coordinator.RunAsync(context, options, interruption.Abort)
                    : await terminal.ShowAsync(() => coordinator.RunAsync(context, options, interruption.Abort));
                live?.Finished(outcome);
            }

            if (loggers is not null)
            {
                loggers.CreateLogger("Ferry.Run").LogInformation(
                    "run {RunId} {Outcome}: {RowsRead} read, {RowsLoaded} loaded, {RowsQuarantined} quarantined in {Seconds:0.0} s",
                    outcome.RunId, outcome.Exit.ToString().ToLowerInvariant(), outcome.RowsRead, outcome.RowsLoaded, outcome.RowsRejected, outcome.Elapsed.TotalSeconds);
                // Flushes the console logger's queue: the summary comes after the last log line.
                loggers.Dispose();
            }

            var human = HumanOutput(chosen);
            RunSummaryPrinter.Print(outcome, options.DryRun, human);
            if (outcome.Message is not null)
            {
                Console.Error.WriteLine($"error: {outcome.Message}");
            }

            return outcome;
        }
        finally
        {
            loggers?.Dispose();
        }
    }

    /// <summary>Where text meant for a person goes: standard error when standard output carries JSON lines.</summary>
    public static TextWriter HumanOutput(LogFormat format) => format == LogFormat.Json ? Console.Error : Console.Out;

    /// <summary>
    /// Writes the run's reports (from the target tables) when <c>reports:</c> is configured. False when they could
    /// not be written; the run's data stays committed and <c>dm reports --rewrite</c> writes them later.
    /// </summary>
    public static Task<bool> WriteReportsAsync(MigrationContext context, RunOutcome outcome, CancellationToken cancellationToken, TextWriter? output = null)
    {
        // The last phase of a run: said before it starts, since a large quarantine takes a while to write.
        if (ReportSinks.Create(context.Config.Reports, context.Config.File) is { } sink)
        {
            (output ?? Console.Out).WriteLine($"{RunPhase.WritingReports.Describe()} to {sink.Location}");
        }

        return ReportsCommand.PublishAfterAsync(context.Config, outcome.RunId, "run", cancellationToken, output);
    }
}
