namespace Ferry.Core.Progress;

/// <summary>Time left from rows left and the current rate; unknown (null) while the rate is, never a guess.</summary>
public static class Eta
{
    /// <summary>A longer ETA is shown as more than this: past it, the figure is noise.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromDays(4);

    public static TimeSpan? Of(long remainingRows, double rowsPerSecond) =>
        remainingRows <= 0 ? TimeSpan.Zero
        : rowsPerSecond <= 0 ? null
        : TimeSpan.FromSeconds(Math.Min(remainingRows / rowsPerSecond, Ceiling.TotalSeconds));

    /// <summary><c>1:02:03</c>, <c>4:05</c>, <c>-</c> when done, <c>?</c> when unknown; <c>1d 02:03:04</c> past a day.</summary>
    public static string Format(TimeSpan? eta) => eta switch
    {
        null => "?",
        { } t when t <= TimeSpan.Zero => "-",
        { } t when t >= Ceiling => ">4d",
        { } t when t.TotalDays >= 1 => $"{(int)t.TotalDays}d {t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}",
        { } t when t.TotalHours >= 1 => $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}",
        { } t => $"{t.Minutes}:{t.Seconds:00}",
    };
}
