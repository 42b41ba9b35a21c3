using Ferry.Reports.Sinks;

namespace Ferry.IntegrationTests.Reports;

public sealed class LocalDirectorySinkTests
{
    [Fact]
    public async Task A_write_that_fails_midway_leaves_no_partial_file()
    {
        var root = Path.Combine(Path.GetTempPath(), "ferry-sink-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var sink = new LocalDirectorySink(root);
            await sink.PrepareAsync(CancellationToken.None);

            // What a full disk does: the first bytes are written, then the write fails with ENOSPC.
            var e = await Assert.ThrowsAsync<ReportStorageException>(() => sink.WriteAsync("runs/x/report.json", "application/json", async (stream, ct) =>
            {
                await stream.WriteAsync(new byte[70_000], ct);
                await stream.FlushAsync(ct);
                throw new IOException("No space left on device");
            }, CancellationToken.None));

            Assert.Contains("No space left on device", e.Message);
            Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
