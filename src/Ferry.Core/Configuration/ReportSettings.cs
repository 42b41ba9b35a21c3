namespace Ferry.Core.Configuration;

/// <summary>
/// Where audit reports go: a local <see cref="Directory"/>, or a Blob Storage container reached either through a
/// <see cref="Connection"/> string (Azurite, development) or an <see cref="AccountUrl"/> with the ambient Entra ID
/// credential (Azure). No account keys belong in the configuration file itself: use <c>${ENV}</c>.
/// </summary>
public sealed record ReportSettings
{
    public string? Directory { get; init; }

    public string? Connection { get; init; }

    public string? AccountUrl { get; init; }

    public string Container { get; init; } = "migration-reports";

    public static ReportSettings None { get; } = new();
}
