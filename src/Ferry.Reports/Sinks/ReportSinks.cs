using Ferry.Core.Configuration;

namespace Ferry.Reports.Sinks;

/// <summary>The sink the <c>reports:</c> settings name, or null when reports are not configured.</summary>
public static class ReportSinks
{
    /// <summary>
    /// <c>directory</c> wins (a relative one is relative to the configuration file, like <c>mapping</c>), then
    /// <c>connection</c>, then <c>accountUrl</c> with the ambient Entra ID credential.
    /// </summary>
    public static IReportSink? Create(ReportSettings settings, string configFile)
    {
        if (!string.IsNullOrWhiteSpace(settings.Directory))
        {
            var directory = Path.IsPathRooted(settings.Directory)
                ? settings.Directory
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? ".", settings.Directory);
            return new LocalDirectorySink(directory);
        }

        if (!string.IsNullOrWhiteSpace(settings.Connection))
        {
            return BlobReportSink.FromConnectionString(settings.Connection, settings.Container);
        }

        if (!string.IsNullOrWhiteSpace(settings.AccountUrl))
        {
            return BlobReportSink.FromAccountUrl(settings.AccountUrl, settings.Container);
        }

        return null;
    }
}
