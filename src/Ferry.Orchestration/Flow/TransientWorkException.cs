namespace Ferry.Orchestration.Flow;

/// <summary>
/// An activity failed as a whole with a transient fault its own retries did not outlast (a database restarting for
/// longer than <c>retries:</c> allows). The orchestrator runs it again, up to <c>retries.activityAttempts</c> times;
/// any other failure fails the same way every time and is not retried.
/// </summary>
public sealed class TransientWorkException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The type name a failure's details carry across processes.</summary>
    public static string TypeName { get; } = typeof(TransientWorkException).FullName!;
}
