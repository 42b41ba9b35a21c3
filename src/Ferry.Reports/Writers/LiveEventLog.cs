using Ferry.Core.Reconciliation;
using Ferry.Reports.Sinks;

namespace Ferry.Reports.Writers;

/// <summary>
/// A run's <c>log.ndjson</c> written while the run goes: events are kept in memory as they happen and the whole log
/// is stored under <c>runs/{id}/log.ndjson</c> every <see cref="Interval"/> when something was added, and once more
/// when it is disposed. The report written at the end of the run replaces it with the log rebuilt from the recorded
/// batches. A storage failure never stops the run: it is reported once through <paramref name="failed"/> and the
/// next flush tries again.
/// </summary>
public sealed class LiveEventLog : IAsyncDisposable
{
    private readonly IReportSink _sink;
    private readonly string _path;
    private readonly Action<string> _failed;
    private readonly MemoryStream _buffer = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _written;
    private bool _warned;

    public LiveEventLog(IReportSink sink, Guid id, TimeSpan interval, Action<string> failed)
    {
        _sink = sink;
        _path = ReportLayout.Prefix(id) + ReportLayout.Log;
        _failed = failed;
        Interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    public TimeSpan Interval { get; }

    public void Append(AuditEvent e)
    {
        var line = EventLog.Line(e);
        lock (_gate)
        {
            _buffer.Write(line);
        }
    }

    /// <summary>Stores the log as it is now, when anything was added since the last time.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        byte[] content;
        lock (_gate)
        {
            if (_buffer.Length == _written)
            {
                return;
            }

            content = _buffer.ToArray();
        }

        try
        {
            await _sink.WriteAsync(_path, "application/x-ndjson", (s, ct) => s.WriteAsync(content, ct).AsTask(), cancellationToken);
            Interlocked.Exchange(ref _written, content.Length);
        }
        catch (ReportStorageException e)
        {
            if (!_warned)
            {
                _warned = true;
                _failed($"live log not stored ({e.Message}); the run goes on, and its report rebuilds the log at the end");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await FlushAsync(CancellationToken.None);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, _stop.Token);
                await FlushAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
