namespace Ferry.Sample;

/// <summary>
/// Where the written configuration sends its audit reports: a Blob Storage container reached through a connection
/// string (written as given, so a <c>${NAME}</c> reference stays a reference, never the key), or a local directory
/// (relative to the configuration file).
/// </summary>
public sealed record SampleReports
{
    private SampleReports()
    {
    }

    public string? Connection { get; private init; }

    public string? Container { get; private init; }

    public string? Directory { get; private init; }

    public static SampleReports Blob(string connection, string container) => new() { Connection = connection, Container = container };

    public static SampleReports InDirectory(string directory) => new() { Directory = directory };
}
