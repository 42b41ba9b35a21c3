namespace Ferry.Core.Configuration;

/// <summary>
/// How transient failures are retried (migration.yaml <c>retries:</c>). Inside a work item, a transient database
/// fault is retried up to <see cref="Attempts"/> times in all, waiting an exponentially growing, jittered delay from
/// <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>; the batch's transaction makes a retry harmless. A durable
/// orchestrator runs an activity that failed as a whole (its worker died, or these retries ran out) at most
/// <see cref="ActivityAttempts"/> times, so one batch is tried at most Attempts x ActivityAttempts times.
/// </summary>
public sealed record RetrySettings
{
    public static RetrySettings Default { get; } = new();

    public int Attempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public int ActivityAttempts { get; init; } = 3;
}
