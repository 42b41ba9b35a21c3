using Ferry.Engine.Validation;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration;

public sealed partial class Activities
{
    /// <summary>
    /// <see cref="OrchestrationNames.Validate"/>: the engine's <see cref="Validator"/> over the whole configuration, as
    /// <c>dm validate</c> runs it. What it checks is returned, never thrown: the activity fails only when the
    /// configuration itself cannot be read. It reads catalogs and settings only, so a second delivery changes nothing.
    /// </summary>
    public async Task<ValidateOutput> ValidateAsync(ValidateInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.Validate, input.Instance, input.Attempt), async () =>
        {
            var cfg = await config.GetAsync(cancellationToken);
            var result = await Validator.ValidateAsync(cfg, cancellationToken);
            return new ValidateOutput(
                result.Ready,
                result.Problems.Count,
                Capped(result.Problems),
                Capped(result.Notes),
                result.Districts,
                result.Entities,
                result.Targets,
                (long)result.Elapsed.TotalMilliseconds);
        }, r => r.ProblemCount, cancellationToken);
    }
}
