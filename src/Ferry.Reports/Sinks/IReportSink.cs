namespace Ferry.Reports.Sinks;

/// <summary>
/// Where report files go: a local directory or a Blob Storage container. Paths are relative and use <c>/</c>
/// (<c>runs/{id}/summary.html</c>). Every failure to reach or use the storage is a <see cref="ReportStorageException"/>
/// with a one-line message; a failed write leaves any earlier complete version of that file in place.
/// </summary>
public interface IReportSink
{
    /// <summary>Where the files go, for messages (a directory, or a container and its endpoint); never a secret.</summary>
    string Location { get; }

    /// <summary>Checks the storage can be used (and, in the emulator, creates the container) before anything is written.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Writes one file: <paramref name="write"/> fills a stream, which is stored under <paramref name="path"/> once complete.</summary>
    Task WriteAsync(string path, string contentType, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>The files under <paramref name="prefix"/>, each with a read-only link valid for <paramref name="linkLifetime"/> (a path for a directory).</summary>
    Task<IReadOnlyList<ReportFile>> ListAsync(string prefix, TimeSpan linkLifetime, CancellationToken cancellationToken);
}
