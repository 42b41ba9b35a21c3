using Ferry.Core.Values;

namespace Ferry.Core.Hashing;

/// <summary>
/// Dates and times as PostgreSQL stores them: whole microseconds since 2000-01-01 (the load's documented rule
/// truncates the 100 ns digit toward the past, see <see cref="PgTimestamp.From"/>), then rounded to the column's
/// fractional digits half away from zero, as the server does for <c>timestamp(p)</c> and <c>time(p)</c>.
/// Infinities are PostgreSQL's own and never stand in for a finite value.
/// </summary>
public static class CanonicalTime
{
    public static long TimestampMicros(PgTimestamp value, int? fractionDigits) =>
        value.IsFinite ? Round(value.Micros, fractionDigits) : value.Micros;

    /// <summary>A time of day in whole microseconds, the 100 ns digit truncated as the load does.</summary>
    public static long TimeMicros(TimeSpan value, int? fractionDigits) => Round(value.Ticks / 10, fractionDigits);

    /// <summary>Rounds microseconds to <paramref name="fractionDigits"/> (0..5) half away from zero; 6 or none keeps them.</summary>
    public static long Round(long micros, int? fractionDigits)
    {
        if (fractionDigits is not { } digits || digits >= 6 || digits < 0)
        {
            return micros;
        }

        var scale = Pow10(6 - digits);
        var offset = scale / 2;
        return micros >= 0
            ? (micros + offset) / scale * scale
            : -((-micros + offset) / scale * scale);
    }

    private static long Pow10(int n)
    {
        var result = 1L;
        for (var i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }
}
