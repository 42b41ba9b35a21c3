namespace Ferry.Reports.Sinks;

/// <summary>A stored report file: its path under the sink, its size, and where to read it (a time-limited link, or a local path).</summary>
public sealed record ReportFile(string Path, long Bytes, DateTimeOffset? LastModified, string Link, DateTimeOffset? LinkExpiresOn);
