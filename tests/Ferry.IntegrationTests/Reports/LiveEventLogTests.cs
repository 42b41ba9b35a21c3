using Ferry.Core.Reconciliation;
using Ferry.Reports;
using Ferry.Reports.Sinks;
using Ferry.Reports.Writers;

namespace Ferry.IntegrationTests.Reports;

public sealed class LiveEventLogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ferry-livelog-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Live_log_is_stored_while_events_arrive_not_only_at_the_end()
    {
        var id = Guid.CreateVersion7();
        var path = Path.Combine(_root, ReportLayout.Prefix(id) + ReportLayout.Log);
        await using var log = new LiveEventLog(new LocalDirectorySink(_root), id, TimeSpan.FromMilliseconds(100), _ => { });

        log.Append(Event("run_started"));
        log.Append(Event("batch_committed"));
        await WaitForAsync(() => File.Exists(path) && File.ReadAllLines(path).Length == 2);
        log.Append(Event("batch_committed"));
        await WaitForAsync(() => File.ReadAllLines(path).Length == 3);

        Assert.Equal(["run_started", "batch_committed", "batch_committed"], File.ReadAllLines(path).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task Live_log_stores_the_last_events_when_disposed()
    {
        var id = Guid.CreateVersion7();
        var log = new LiveEventLog(new LocalDirectorySink(_root), id, TimeSpan.FromHours(1), _ => { });
        log.Append(Event("run_started"));
        log.Append(Event("run_finished"));

        await log.DisposeAsync();

        Assert.Equal(2, File.ReadAllLines(Path.Combine(_root, ReportLayout.Prefix(id) + ReportLayout.Log)).Length);
    }

    [Fact]
    public async Task Live_log_that_cannot_be_stored_says_so_once_and_does_not_throw()
    {
        // A file where the reports directory should be: every write fails.
        File.WriteAllText(_root, "not a directory");
        try
        {
            var failures = new List<string>();
            var log = new LiveEventLog(new LocalDirectorySink(_root), Guid.CreateVersion7(), TimeSpan.FromMilliseconds(50), failures.Add);
            log.Append(Event("run_started"));
            await Task.Delay(300);
            log.Append(Event("run_finished"));
            await log.DisposeAsync();

            Assert.Single(failures);
            Assert.Contains("live log not stored", failures[0]);
        }
        finally
        {
            File.Delete(_root);
        }
    }

    private static AuditEvent Event(string name) => new() { At = DateTimeOffset.UtcNow, Event = name };

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the live log was not stored in time");
            await Task.Delay(50);
        }
    }
}
