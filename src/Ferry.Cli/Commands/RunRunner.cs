using Ferry.Cli.Output;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary>
/// Runs a migration with progress output and Ctrl+C and SIGTERM handling (the first stops at the next batch boundary,
/// the second aborts the batches in flight; both leave everything committed and resumable), then prints the summary.
/// </summary>
internal static class RunRunner
{
    public static async Task<RunOutcome> RunAsync(MigrationContext context, RunOptions options, CancellationToken cancellationToken)
    {
        using var interruption = new Interruption("batch", "batches", cancellationToken);
        options = options with { Stop = interruption.Stop };
        RunOutcome outcome;
        if (Console.IsOutputRedirected)
        {
            outcome = await new RunCoordinator(new PlainProgress(Console.Out)).RunAsync(context, options, interruption.Abort);
        }
        else
        {
            var terminal = new TerminalProgress();
            outcome = await terminal.ShowAsync(() => new RunCoordinator(terminal).RunAsync(context, options, interruption.Abort));
        }

        RunSummaryPrinter.Print(outcome, options.DryRun, Console.Out);
        if (outcome.Message is not null)
        {
            Console.Error.WriteLine($"error: {outcome.Message}");
        }

        return outcome;
    }

    /// <summary>
    /// Writes the run's reports (from the target tables) when <c>reports:</c> is configured. False when they could
    /// not be written; the run's data stays committed and <c>dm reports --rewrite</c> writes them later.
    /// </summary>
    public static Task<bool> WriteReportsAsync(MigrationContext context, RunOutcome outcome, CancellationToken cancellationToken) =>
        ReportsCommand.PublishAfterAsync(context.Config, outcome.RunId, "run", cancellationToken);
}
