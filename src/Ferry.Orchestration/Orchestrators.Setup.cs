using Ferry.Core.Configuration;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Status;
using Ferry.Orchestration.Steps;
using Microsoft.DurableTask;

namespace Ferry.Orchestration;

public static partial class Orchestrators
{
    /// <summary>
    /// <c>scaffold</c>: one activity creating the target schema from the first district in scope. Legacy names that
    /// collide end the run <c>failed</c> with the collision (nothing applied); a failure of the step fails the run with its reason.
    /// </summary>
    private static async Task<RunOutcome> ScaffoldAsync(TaskOrchestrationContext context, RunInput input, string instance, RunStatus status)
    {
        context.SetCustomStatus(status with { Phase = "scaffolding" });
        var district = input.Districts is { Count: > 0 } chosen ? chosen[0] : null;
        var result = await SetupStep<ScaffoldOutput>(context, OrchestrationNames.Scaffold, status, a => new ScaffoldInput(instance, district, input.Entities) { Attempt = a });
        context.SetCustomStatus(status with { Phase = "done" });
        return new RunOutcome
        {
            Mode = input.Mode,
            State = result.Failure is null ? "completed" : "failed",
            Failure = result.Failure,
            Scaffold = result,
            Messages =
            [
                $"{result.Entities} entities mapped from district {result.District}; load order has {result.OutsideOrder} reference(s) outside the order (self-references and cycles), checked when the load ends",
                .. result.Warnings.Select(w => $"warning: {w}"),
                .. result.Files.Select(f => $"wrote {f}"),
                .. result.Applied.Select(t => $"applied to target {t}"),
            ],
        };
    }

    /// <summary>
    /// <c>validate</c>: one activity checking the whole configuration. Problems end the run <c>failed</c> with
    /// <c>not ready</c> and one line per problem in the output's messages; none end it <c>completed</c> with <c>ready</c>.
    /// </summary>
    private static async Task<RunOutcome> ValidateAsync(TaskOrchestrationContext context, RunInput input, string instance, RunStatus status)
    {
        context.SetCustomStatus(status with { Phase = "validating" });
        var result = await SetupStep<ValidateOutput>(context, OrchestrationNames.Validate, status, a => new ValidateInput(instance) { Attempt = a });
        var lines = result.Lines();
        context.SetCustomStatus(status with { Phase = result.Ready ? "ready" : "not ready" });
        return new RunOutcome
        {
            Mode = input.Mode,
            State = result.Ready ? "completed" : "failed",
            Failure = result.Ready ? null : lines[^1],
            Validation = result,
            Messages = lines,
        };
    }

    /// <summary>A setup step: retried while its failure is transient; otherwise the run fails with the step's reason.</summary>
    private static async Task<T> SetupStep<T>(TaskOrchestrationContext context, string name, RunStatus status, Func<int, object> input)
    {
        try
        {
            return await StepCalls.CallAsync<T>(context, name, RetrySettings.Default.ActivityAttempts, input);
        }
        catch (TaskFailedException e)
        {
            context.SetCustomStatus(status with { Phase = "failed" });
            throw new RunFailedException(StepCalls.Reason(e));
        }
    }
}
