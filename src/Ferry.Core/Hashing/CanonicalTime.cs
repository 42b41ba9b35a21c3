namespace Ferry.Core.Hashing;

/// <summary>
/// Dates and times as PostgreSQL stores them, computed from .NET values the way the load writes them: whole
/// microseconds since 2000-01-01, the 100 ns remainder dropped toward the epoch (the client library truncates rather
/// than rounds, so DateTime.MaxValue stays representable), then rounded to the column's fractional digits half away
/// from zero, as the server does for <c>timestamp(p)</c> and <c>time(p)</c>. DateTime.MinValue and MaxValue are the
/// client library's stand-ins for <c>-infinity</c> and <c>infinity</c> and stay apart from every finite value.
/// </summary>
public static class CanonicalTime
{
    private const long PostgresEpochTicks = 630822816000000000L;

    public static long TimestampMicros(DateTime value, int? fractionDigits)
    {
        if (value.Ticks == DateTime.MaxValue.Ticks)
        {
            return long.MaxValue;
        }

        if (value.Ticks == DateTime.MinValue.Ticks)
        {
            return long.MinValue;
        }

        return Round((value.Ticks - PostgresEpochTicks) / 10, fractionDigits);
    }

    /// <summary>A time of day (or an interval) in whole microseconds, truncated like the client library does.</summary>
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
