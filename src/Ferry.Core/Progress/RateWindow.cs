namespace Ferry.Core.Progress;

/// <summary>
/// Rows per second over the last <see cref="Span"/> (10 s by default), not since the start: a run that slows down
/// (an index-heavy entity, a busy server) shows it within seconds, and the ETA follows. Samples are cumulative row
/// counts with the time they were seen (time since the start); a count holds until the next sample. Thread-safe.
/// </summary>
public sealed class RateWindow(TimeSpan? span = null)
{
    private readonly Queue<(TimeSpan At, long Rows)> _samples = new();
    private readonly Lock _gate = new();

    public TimeSpan Span { get; } = span ?? TimeSpan.FromSeconds(10);

    /// <summary>Records that <paramref name="totalRows"/> rows were done by <paramref name="at"/>.</summary>
    public void Observe(TimeSpan at, long totalRows)
    {
        lock (_gate)
        {
            _samples.Enqueue((at, totalRows));
            Trim(at);
        }
    }

    /// <summary>
    /// Rows per second across the window ending at <paramref name="now"/> (or since the first sample, when that is
    /// more recent); 0 before half a second of samples, and 0 once nothing moved for a whole window: a stale rate
    /// would promise an ETA the work is not keeping.
    /// </summary>
    public double Rate(TimeSpan now)
    {
        lock (_gate)
        {
            Trim(now);
            if (_samples.Count == 0)
            {
                return 0;
            }

            var head = _samples.Peek();
            var last = _samples.Last();
            var from = head.At < now - Span ? now - Span : head.At;
            var seconds = (now - from).TotalSeconds;
            return seconds < 0.5 ? 0 : Math.Max(0, last.Rows - head.Rows) / seconds;
        }
    }

    /// <summary>Keeps the newest sample at or before the window's start (the count when the window opened) and those after it.</summary>
    private void Trim(TimeSpan now)
    {
        while (_samples.Count > 1 && _samples.ElementAt(1).At <= now - Span)
        {
            _samples.Dequeue();
        }
    }
}
