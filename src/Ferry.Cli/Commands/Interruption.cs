using System.Runtime.InteropServices;

namespace Ferry.Cli.Commands;

/// <summary>
/// Ctrl+C and SIGTERM for work that stops at boundaries: the first asks for a clean stop at the next boundary, the
/// second aborts the work in flight (its transaction rolls back). Either way what was committed stays and running again
/// resumes. SIGTERM is what containers and the Functions host send on scale-in and deployment, so it behaves as Ctrl+C.
/// </summary>
/// <remarks>
/// Disposing does not unregister the handlers: the second signal of a pair that arrives after the work already stopped
/// cleanly (pressed twice, the first press was enough) is swallowed, so the exit code stays the command's own instead of
/// the runtime's default kill. Any other signal after the work keeps the default: it ends the process.
/// </remarks>
internal sealed class Interruption : IDisposable
{
    private readonly object gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource abort;
    private readonly string unit;
    private readonly string inFlight;
    private readonly Action<string> notice;
    private readonly PosixSignalRegistration terminate;
    private bool finished;
    private int signals;

    /// <param name="unit">What the work stops at the boundary of, e.g. "batch".</param>
    /// <param name="inFlight">What the second signal aborts, e.g. "batches".</param>
    /// <param name="notice">Where the notices go (standard error by default; below a live display when one is shown).</param>
    public Interruption(string unit, string inFlight, CancellationToken cancellationToken, Action<string>? notice = null)
    {
        this.notice = notice ?? Console.Error.WriteLine;
        this.unit = unit;
        this.inFlight = inFlight;
        abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += OnCancel;
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = Interrupt("SIGTERM");
        });
    }

    /// <summary>Cancelled by the first signal: stop at the next boundary.</summary>
    public CancellationToken Stop => stop.Token;

    /// <summary>Cancelled by the second signal (or the caller's token): abort the work in flight.</summary>
    public CancellationToken Abort => abort.Token;

    public void Dispose()
    {
        lock (gate)
        {
            finished = true;
            stop.Dispose();
            abort.Dispose();
        }

        GC.KeepAlive(terminate);
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = Interrupt("Ctrl+C");
    }

    /// <returns>Whether the signal was handled here (false: the runtime's default ends the process).</returns>
    private bool Interrupt(string what)
    {
        lock (gate)
        {
            if (finished)
            {
                return ++signals == 2;
            }

            signals++;
            if (!stop.IsCancellationRequested)
            {
                notice($"{what}: stopping at the next {unit} boundary ({what} again to abort the {inFlight} in flight)");
                stop.Cancel();
            }
            else if (!abort.IsCancellationRequested)
            {
                notice($"{what} again: aborting the {inFlight} in flight (rolled back)");
                abort.Cancel();
            }

            return true;
        }
    }
}
