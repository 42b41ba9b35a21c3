using System.Globalization;

namespace Ferry.Core.Values;

/// <summary>
/// A PostgreSQL <c>date</c> as PostgreSQL stores it: days since 2000-01-01, with <c>int.MaxValue</c> and
/// <c>int.MinValue</c> for <c>infinity</c> and <c>-infinity</c>. Unlike <see cref="DateOnly"/> it holds every date the
/// server holds (4713 BC to 5874897 AD), and 9999-12-31 stays a date: no value of this type stands in for another.
/// </summary>
public readonly record struct PgDate(int Days)
{
    /// <summary>Day number of 2000-01-01 in <see cref="DateOnly.DayNumber"/> terms.</summary>
    public const int EpochDayNumber = 730119;

    public static PgDate Infinity => new(int.MaxValue);

    public static PgDate NegativeInfinity => new(int.MinValue);

    public bool IsFinite => Days is not (int.MaxValue or int.MinValue);

    public static PgDate From(DateOnly date) => new(date.DayNumber - EpochDayNumber);

    /// <summary>The same day as a <see cref="DateOnly"/>, when it is finite and within years 1..9999.</summary>
    public bool TryToDateOnly(out DateOnly date)
    {
        var number = (long)Days + EpochDayNumber;
        if (IsFinite && number >= 0 && number <= DateOnly.MaxValue.DayNumber)
        {
            date = DateOnly.FromDayNumber((int)number);
            return true;
        }

        date = default;
        return false;
    }

    /// <summary>
    /// ISO form as PostgreSQL writes it: <c>yyyy-MM-dd</c>, with a <c> BC</c> suffix before year 1 (year 0 is 1 BC,
    /// as in the proleptic Gregorian calendar the server uses), <c>infinity</c> and <c>-infinity</c> spelt out.
    /// </summary>
    public override string ToString()
    {
        if (Days == int.MaxValue)
        {
            return "infinity";
        }

        if (Days == int.MinValue)
        {
            return "-infinity";
        }

        var (year, month, day) = Civil((long)Days + EpochDayNumber);
        var bc = year <= 0;
        var shown = bc ? 1 - year : year;
        return string.Create(CultureInfo.InvariantCulture, $"{shown:0000}-{month:00}-{day:00}{(bc ? " BC" : "")}");
    }

    /// <summary>Year (astronomical: 0 is 1 BC), month and day of a day number counted like <see cref="DateOnly.DayNumber"/>.</summary>
    internal static (long Year, int Month, int Day) Civil(long dayNumber)
    {
        // Days since 0000-03-01 in 400-year eras of 146097 days, so leap days fall at the end of each year.
        var z = dayNumber + 306;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var dayOfEra = z - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }
}
