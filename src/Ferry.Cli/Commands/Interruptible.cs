namespace Ferry.Cli.Commands;

/// <summary>
/// Ctrl+C for work that stops at boundaries: the first press asks for a clean stop at the next boundary, the second
/// aborts the work in flight (its transaction rolls back). Either way what was committed stays and running again resumes.
/// </summary>
internal static class Interruptible
{
    public static async Task<T> RunAsync<T>(Func<CancellationToken, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var stop = new CancellationTokenSource();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            if (!stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("stopping at the next step boundary (Ctrl+C again to abort the step in flight)");
                stop.Cancel();
            }
            else
            {
                abort.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await work(stop.Token, abort.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }
}
