using System.Text;

namespace Ferry.Reports;

/// <summary>
/// Where the files of one report live: <c>runs/{id}/</c> then <c>summary.html</c>, <c>report.json</c>,
/// <c>districts/{district}.csv</c>, <c>log.ndjson</c> and <c>quarantine.csv</c>. The id is a run's or a verification's.
/// </summary>
public static class ReportLayout
{
    public const string Summary = "summary.html";
    public const string Json = "report.json";
    public const string Log = "log.ndjson";
    public const string Quarantine = "quarantine.csv";

    public static string Prefix(Guid id) => $"runs/{id:D}/";

    /// <summary>A district's CSV; characters other than letters, digits, '.', '-' and '_' become '_'.</summary>
    public static string District(string district)
    {
        var safe = new StringBuilder(district.Length);
        foreach (var c in district)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return $"districts/{safe}.csv";
    }
}
