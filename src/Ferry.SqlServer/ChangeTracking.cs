using System.Globalization;

namespace Ferry.SqlServer;

/// <summary>Whether a recorded Change Tracking version can still start a delta, given the table's minimum valid version now.</summary>
internal static class ChangeTracking
{
    public static string? Problem(long recorded, long? minimumValid) => minimumValid switch
    {
        null => $"Change Tracking no longer follows the table: a delta from version {recorded.ToString(CultureInfo.InvariantCulture)} recorded when its load was planned cannot be read",
        { } min when min > recorded =>
            $"Change Tracking version {recorded.ToString(CultureInfo.InvariantCulture)} recorded when its load was planned is below the table's minimum valid version {min.ToString(CultureInfo.InvariantCulture)} now "
            + "(retention shorter than the load, or a TRUNCATE): a delta from it would miss changes; load the table in full again",
        _ => null,
    };
}
