namespace Ferry.Host;

/// <summary>
/// The self-hosted durable runtime's settings (section <c>FerryHost</c>; as environment variables
/// <c>FerryHost__TaskHub</c> and so on), with the task hub's storage in <see cref="StorageSetting"/> like the
/// Functions app's. The visibility timeouts decide how soon the work of a worker that died goes to another: a
/// message a dead worker took becomes visible again after them, and its partitions' leases expire after
/// <see cref="LeaseInterval"/>. Half a minute each brings the work back within a minute; the provider's default
/// of five minutes would not.
/// </summary>
public sealed record DurableHostOptions
{
    public const string Section = "FerryHost";

    /// <summary>The setting holding the storage account's connection string (the task hub's queues, tables and blobs).</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    public string TaskHub { get; init; } = "ferry";

    /// <summary>
    /// Control queues of the task hub: the orchestrations are spread over them and each is owned by one process.
    /// One keeps a run's orchestrations in one process, so a district's step never waits on another process's
    /// queue and lease (faster on districts of many small loads: BENCHMARKS.md); their work items (activities) go
    /// to every process whatever this says. More only pays for hundreds of districts at once on many processes. Fixed
    /// when a task hub is created: an existing hub keeps its count.
    /// </summary>
    public int PartitionCount { get; init; } = 1;

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LeaseInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Activities one worker process runs at once; the orchestrator's <c>limits:</c> bound each database whatever this says.</summary>
    public int MaxActivities { get; init; } = 8;

    public int MaxOrchestrations { get; init; } = 8;

    /// <summary>
    /// The longest pause between two polls of an empty queue (the provider backs off from a few milliseconds up to
    /// this). Each dispatch crosses two queues (the orchestration's control queue, the activities' work-item queue),
    /// so a district's chain of small loads waits up to twice this per step while the queues are quiet; the cost is
    /// queue transactions while idle (about 5 queues per process, each polled at most this often).
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Keeps an orchestration's state in memory between its episodes, so each step replays from memory instead of
    /// reading the orchestration's history back from the History table (the history is still written at every
    /// step). With the one partition of <see cref="PartitionCount"/> a run's orchestrations stay in one process and
    /// this takes half that process's CPU off a run; with several partitions over processes it was measured to
    /// double a run.
    /// </summary>
    public bool ExtendedSessions { get; init; } = true;

    /// <summary>
    /// The benchmark's simulation only (<c>FerryHost__SimulateWork=true</c>): districts are planned as usual but work
    /// items do nothing (<see cref="Ferry.Orchestration.Execution.WorkMode"/>). Never for a real migration.
    /// </summary>
    public bool SimulateWork { get; init; }

    /// <summary>Names this worker on the task hub; unique per process (the provider's default, the machine name, is not).</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
