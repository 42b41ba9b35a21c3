using System.Globalization;

namespace Ferry.Core.Values;

/// <summary>
/// A PostgreSQL <c>interval</c> as PostgreSQL stores it: months, days and microseconds, kept apart because a month
/// is not a fixed number of days (so <c>1 mon</c> has no <see cref="TimeSpan"/>).
/// </summary>
public readonly record struct PgInterval(int Months, int Days, long Micros)
{
    /// <summary>ISO 8601 duration, e.g. <c>P1M2DT3.5S</c>; <c>PT0S</c> for zero.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var date = (Months != 0 ? Months.ToString(inv) + "M" : "") + (Days != 0 ? Days.ToString(inv) + "D" : "");
        var seconds = Micros == 0 ? "" : (Micros / 1_000_000m).ToString("0.######", inv) + "S";
        return date.Length == 0 && seconds.Length == 0 ? "PT0S" : "P" + date + (seconds.Length > 0 ? "T" + seconds : "");
    }
}
