using Ferry.Engine.Rollback;
using Ferry.Engine.Running;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration;

public sealed partial class Activities
{
    /// <summary>
    /// <see cref="OrchestrationNames.Rollback"/>: the engine's rollback of a run for the districts named (none: every
    /// district of that run), resumable like <c>dm rollback</c>. A refusal (later runs without cascade, an unknown run)
    /// throws with the reason; a failure mid-way is returned with what committed kept.
    /// </summary>
    public async Task<RollbackStepOutput> RollbackAsync(RollbackStepInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.Rollback, input.Instance, input.Attempt, input.Rollback.Run), async () =>
        {
            var cfg = await config.GetAsync(cancellationToken);
            var districts = input.Districts ?? [];
            foreach (var id in districts)
            {
                _ = cfg.District(id);
            }

            var lines = new List<string>();
            await using var scope = await RollbackScope.OpenAsync(cfg, cancellationToken);
            var request = new RollbackRequest(input.Rollback.Run, districts, input.Rollback.Cascade);
            var result = await RollbackRunner.RunAsync(scope, request, input.Rollback.DryRun, line => { lock (lines) { lines.Add(line); } }, CancellationToken.None, cancellationToken, Loggers.CreateLogger("Ferry.Engine"));
            if (input.Rollback.DryRun)
            {
                lines.AddRange(result.Plan.Entities.Where(e => e.RowsToDelete > 0 || e.RowsToRestore > 0)
                    .Select(e => $"{e.District} {e.Entity}: would delete {e.RowsToDelete}, restore {e.RowsToRestore}"));
                return new RollbackStepOutput(null, "planned", result.Plan.Entities.Sum(e => e.RowsToDelete), result.Plan.Entities.Sum(e => e.RowsToRestore), lines, null);
            }

            var rows = result.Outcome?.Rows.Values ?? [];
            return new RollbackStepOutput(
                result.OperationId,
                result.Exit == RunExit.Completed ? "completed" : "failed",
                rows.Sum(r => r.Deleted),
                rows.Sum(r => r.Restored),
                lines,
                result.Exit == RunExit.Completed ? null : result.Message ?? "stopped");
        }, r => r.RowsDeleted + r.RowsRestored, cancellationToken);
    }
}
