namespace Ferry.Core.Configuration;

/// <summary>
/// Where one district's legacy database lives and how it may be read. <see cref="Provider"/> is <c>postgres</c> or
/// <c>sqlserver</c>.
/// </summary>
public sealed record SourceSettings(string Provider, string Connection, SourceIsolation Isolation = SourceIsolation.Snapshot);
