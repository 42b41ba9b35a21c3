using Ferry.Cli.Output;
using Ferry.Engine.Running;

namespace Ferry.Cli.Commands;

/// <summary>
/// Runs a migration with progress output and Ctrl+C and SIGTERM handling (the first stops at the next batch boundary,
/// the second aborts the batches in flight; both leave everything committed and resumable), then prints the summary.
/// SIGTERM is what containers and the Functions host send on scale-in and deployment, so it behaves as Ctrl+C.
/// </summary>
internal static class RunRunner
{
    public static async Task<RunOutcome> RunAsync(MigrationContext context, RunOptions options, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Interrupt(string what)
        {
            if (!stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"{what}: stopping at the next batch boundary ({what} again to abort the batches in flight)");
                stop.Cancel();
            }
            else
            {
                Console.Error.WriteLine($"{what} again: aborting the batches in flight (rolled back)");
                abort.Cancel();
            }
        }

        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            Interrupt("Ctrl+C");
        }

        Console.CancelKeyPress += OnCancel;
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Interrupt("SIGTERM");
        });
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
