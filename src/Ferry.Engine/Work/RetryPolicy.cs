using Ferry.Core.Configuration;
using Polly;
using Polly.Retry;

namespace Ferry.Engine.Work;

/// <summary>
/// Retries a work item's step on transient faults (see <see cref="TransientFaults"/>) with exponential backoff and
/// jitter, as configured under <c>retries:</c>. Safe because every step is one transaction that either committed
/// (a retry then finds the batch done and skips it) or rolled back.
/// </summary>
internal static class RetryPolicy
{
    public static ResiliencePipeline Create(RetrySettings settings, Func<Exception, bool>? sourceTransient, Action<Exception, int, TimeSpan>? onRetry = null)
    {
        if (settings.Attempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.Attempts - 1,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => TransientFaults.IsTransient(e, sourceTransient)),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } e)
                    {
                        // Connections pooled before a server restart are dead: let the next attempt open new ones.
                        if (e is Npgsql.NpgsqlException)
                        {
                            Npgsql.NpgsqlConnection.ClearAllPools();
                        }

                        onRetry?.Invoke(e, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
