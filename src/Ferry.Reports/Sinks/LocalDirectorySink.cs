namespace Ferry.Reports.Sinks;

/// <summary>
/// Report files in a local directory (the <c>reports.directory</c> setting), same layout as in Blob Storage. Each
/// file is written to a temporary name and renamed into place, so a reader never sees half a file.
/// </summary>
public sealed class LocalDirectorySink(string root) : IReportSink
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Location => Root;

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Root);
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportStorageException($"reports directory {Root}: {e.Message}", e);
        }
    }

    public async Task WriteAsync(string path, string contentType, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var full = FullPath(path);
        var temporary = full + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream, cancellationToken);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk fails mid-write: nothing half-written stays behind.
            Discard(temporary);
            throw new ReportStorageException($"reports directory {Root}: cannot write {path}: {e.Message}", e);
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    private static void Discard(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the news; a leftover .partial is never listed as a report.
        }
    }

    public Task<IReadOnlyList<ReportFile>> ListAsync(string prefix, TimeSpan linkLifetime, CancellationToken cancellationToken)
    {
        var directory = FullPath(prefix);
        IReadOnlyList<ReportFile> files = !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".partial", StringComparison.Ordinal))
                .Select(f => new FileInfo(f))
                .Select(f => new ReportFile(Path.GetRelativePath(Root, f.FullName).Replace(Path.DirectorySeparatorChar, '/'), f.Length, f.LastWriteTimeUtc, f.FullName, null))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList();
        return Task.FromResult(files);
    }

    private string FullPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != Root)
        {
            throw new ArgumentException($"report path {path} leaves the reports directory", nameof(path));
        }

        return full;
    }
}
