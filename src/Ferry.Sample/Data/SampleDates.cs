using Ferry.Sample.Randomness;

namespace Ferry.Sample.Data;

/// <summary>Fixed reference dates: generation never reads the clock, or the same seed would give different rows tomorrow.</summary>
internal static class SampleDates
{
    public static readonly DateOnly SchoolYearStart = new(2023, 8, 21);

    /// <summary>What legacy front ends stored for "unknown" because their date column could not be NULL.</summary>
    public static readonly DateOnly Sentinel = new(1900, 1, 1);

    /// <summary>The other legacy favourite, for "still open".</summary>
    public static readonly DateOnly EndOfTime = new(9999, 12, 31);

    private static readonly DateTime Epoch = new(2023, 6, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static DateOnly SchoolDay(SampleRandom random) => SchoolYearStart.AddDays(random.Next(280));

    /// <summary>A <c>timestamp</c> value with whole milliseconds (PostgreSQL keeps microseconds, SQL Server datetime less).</summary>
    public static DateTime Timestamp(SampleRandom random) =>
        Epoch.AddSeconds(random.Next(400 * 86_400)).AddMilliseconds(random.Next(1000));

    /// <summary>A <c>timestamptz</c> value; Npgsql writes only UTC kinds to timestamptz.</summary>
    public static DateTime Utc(SampleRandom random) => DateTime.SpecifyKind(Timestamp(random), DateTimeKind.Utc);

    public static TimeOnly ClockTime(SampleRandom random, int fromHour, int toHour) =>
        new TimeOnly(fromHour, 0).Add(TimeSpan.FromMinutes(random.Next((toHour - fromHour) * 60)));
}
