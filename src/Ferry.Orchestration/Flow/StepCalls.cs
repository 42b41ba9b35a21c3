using Microsoft.DurableTask;

namespace Ferry.Orchestration.Flow;

/// <summary>
/// Calls an activity as the orchestrators do: a failure of the transient kind (<see cref="TransientWorkException"/>)
/// runs it again after a durable pause (1 s, 2 s, 4 s, ...), up to <paramref name="attempts"/> times in all; any other
/// failure, or the last transient one, is thrown to the orchestrator. Each attempt is told its number, so the
/// activity log shows the retries.
/// </summary>
internal static class StepCalls
{
    public static async Task<T> CallAsync<T>(TaskOrchestrationContext context, string name, int attempts, Func<int, object> input)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await context.CallActivityAsync<T>(name, input(attempt));
            }
            catch (TaskFailedException e) when (attempt < attempts && IsTransient(e))
            {
                await context.CreateTimer(Backoff(attempt), CancellationToken.None);
            }
        }
    }

    public static bool IsTransient(TaskFailedException e) => e.FailureDetails.ErrorType == TransientWorkException.TypeName;

    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt - 1)));

    /// <summary>The reason of a failed activity or sub-orchestration, without the wrapper's words.</summary>
    public static string Reason(TaskFailedException e)
    {
        var details = e.FailureDetails;
        while (details.InnerFailure is { } inner && details.ErrorType == typeof(TaskFailedException).FullName)
        {
            details = inner;
        }

        return details.ErrorMessage;
    }
}
