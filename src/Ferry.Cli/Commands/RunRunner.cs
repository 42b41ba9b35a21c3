using Ferry.Cli.Output;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary>
/// Runs a migration with progress output and Ctrl+C handling (the first press stops at the next batch boundary,
/// the second aborts the batches in flight; both leave everything committed and resumable), then prints the summary.
/// </summary>
internal static class RunRunner
{
    public static async Task<RunOutcome> RunAsync(MigrationContext context, RunOptions options, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("stopping at the next batch boundary (Ctrl+C again to abort the batches in flight)");
                stop.Cancel();
            }
            else
            {
                e.Cancel = true;
                abort.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            options = options with { Stop = stop.Token };
            RunOutcome outcome;
            if (Console.IsOutputRedirected)
            {
                outcome = await new RunCoordinator(new PlainProgress(Console.Out)).RunAsync(context, options, abort.Token);
            }
            else
            {
                var terminal = new TerminalProgress();
                outcome = await terminal.ShowAsync(() => new RunCoordinator(terminal).RunAsync(context, options, abort.Token));
            }

            RunSummaryPrinter.Print(outcome, options.DryRun, Console.Out);
            if (outcome.Message is not null)
            {
                Console.Error.WriteLine($"error: {outcome.Message}");
            }

            return outcome;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>
    /// Writes the run's reports (from the target tables) when <c>reports:</c> is configured. False when they could
    /// not be written; the run's data stays committed and <c>dm reports --rewrite</c> writes them later.
    /// </summary>
    public static Task<bool> WriteReportsAsync(MigrationContext context, RunOutcome outcome, CancellationToken cancellationToken) =>
        ReportsCommand.PublishAfterAsync(context.Config, outcome.RunId, "run", cancellationToken);
}
