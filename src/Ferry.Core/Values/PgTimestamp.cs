using System.Globalization;

namespace Ferry.Core.Values;

/// <summary>
/// A PostgreSQL <c>timestamp</c> or <c>timestamptz</c> (then the UTC instant) as PostgreSQL stores it: microseconds
/// since 2000-01-01 00:00, with <c>long.MaxValue</c> and <c>long.MinValue</c> for <c>infinity</c> and <c>-infinity</c>.
/// No finite value stands in for infinity, so 9999-12-31 23:59:59.999999 stays a moment of that day.
/// </summary>
public readonly record struct PgTimestamp(long Micros)
{
    public const long EpochTicks = 630822816000000000L;

    public static PgTimestamp Infinity => new(long.MaxValue);

    public static PgTimestamp NegativeInfinity => new(long.MinValue);

    public bool IsFinite => Micros is not (long.MaxValue or long.MinValue);

    /// <summary>
    /// The documented rule for the 100 ns digit PostgreSQL cannot keep: it is dropped (truncated toward the past),
    /// never rounded, so a value never moves to the next second, day or year.
    /// </summary>
    public static PgTimestamp From(DateTime value) => new((value.Ticks / 10) - (EpochTicks / 10));

    /// <summary>Whether <see cref="From(DateTime)"/> drops a non-zero 100 ns digit of this value.</summary>
    public static bool Truncates(DateTime value) => value.Ticks % 10 != 0;

    /// <summary>The same moment as a <see cref="DateTime"/> (kind unspecified), when finite and within years 1..9999.</summary>
    public bool TryToDateTime(out DateTime value)
    {
        const long minMicros = -EpochTicks / 10;
        const long maxMicros = (3155378975999999999L - EpochTicks) / 10;
        if (IsFinite && Micros >= minMicros && Micros <= maxMicros)
        {
            value = new DateTime((Micros * 10) + EpochTicks, DateTimeKind.Unspecified);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The calendar day the moment falls on.</summary>
    public PgDate Date => !IsFinite ? (Micros > 0 ? PgDate.Infinity : PgDate.NegativeInfinity)
        : new PgDate((int)(Math.DivRem(Micros, MicrosPerDay, out var rest) - (rest < 0 ? 1 : 0)));

    private const long MicrosPerDay = 86_400_000_000L;

    /// <summary>ISO 8601 (<c>yyyy-MM-ddTHH:mm:ss.ffffff</c>, trailing fractional zeros dropped), BC and infinities as for <see cref="PgDate"/>.</summary>
    public override string ToString()
    {
        if (!IsFinite)
        {
            return Micros > 0 ? "infinity" : "-infinity";
        }

        var date = Date.ToString();
        var micros = Micros - ((long)Date.Days * MicrosPerDay);
        var bc = date.EndsWith(" BC", StringComparison.Ordinal);
        var time = new TimeSpan(micros * 10).ToString(@"hh\:mm\:ss\.ffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return (bc ? date[..^3] : date) + "T" + time + (bc ? " BC" : "");
    }
}
