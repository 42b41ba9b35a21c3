using Ferry.Sample;

namespace Ferry.Cli.Commands;

/// <summary>
/// Where the configurations that <c>sample</c> and <c>demo</c> write send their reports: the local Blob Storage emulator
/// when FERRY_BLOB_CONNECTION is set (the scripts and <c>./dm</c> set it once Azurite is installed; the file keeps the
/// <c>${...}</c> reference, never the key), otherwise a <c>reports</c> folder beside the configuration, so reports work
/// without Azurite too.
/// </summary>
internal static class LocalReports
{
    private const string ConnectionVariable = "FERRY_BLOB_CONNECTION";

    public static SampleReports For(string container) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionVariable))
            ? SampleReports.InDirectory("reports")
            : SampleReports.Blob("${" + ConnectionVariable + "}", container);

    /// <summary>Where the reports go, in words, for the line that says the configuration was written.</summary>
    public static string Describe(SampleReports reports) =>
        reports.Directory is { } directory
            ? $"reports go to {directory}/ beside it (set {ConnectionVariable} for Blob Storage)"
            : $"reports go to Blob Storage container {reports.Container} through {ConnectionVariable}";
}
