using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Hosted;

/// <summary>What the host processes cost while they work, beyond the work.</summary>
public sealed class HostedProcessTests
{
    [Fact]
    public async Task Neither_host_nor_worker_watches_its_working_directory_for_settings_changes()
    {
        await using var m = await HostedMigration.CreateAsync("dproc_", districts: 1, students: 100, batchSize: 1000);
        var host = m.StartHost();
        var worker = m.StartWorker();
        await m.WaitHealthyAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        // A watcher over the working directory wakes for every file written below it (a local database's files,
        // build output), a tenth of a core during a load when the clusters' data lived there.
        Assert.DoesNotContain(".NET File Watch", Threads(host.Id));
        Assert.DoesNotContain(".NET File Watch", Threads(worker.Id));
    }

    /// <summary>The names of a process's threads, as the kernel lists them.</summary>
    private static IReadOnlyList<string> Threads(int pid)
    {
        var names = System.IO.Directory.GetDirectories($"/proc/{pid}/task").Select(t => File.ReadAllText(Path.Combine(t, "comm")).Trim()).ToList();
        Assert.Contains(".NET Finalizer", names);
        return names;
    }
}
