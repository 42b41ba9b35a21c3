using Ferry.Core.Rollback;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Rollback;

/// <summary>
/// Executes one step of a recorded plan in its target database: the work and its checkpoint commit together, only
/// while the operation's lease is live; a step already done (or being done by another process) is skipped, so a step
/// delivered twice is harmless. Throws on a database failure: the step's transaction rolled back, and executing it
/// again (or planning again) continues.
/// </summary>
public static class RollbackExecutor
{
    public static Task<StepOutcome> ExecuteAsync(RollbackScope scope, RollbackStep step, CancellationToken cancellationToken) =>
        RollbackStatements.ExecuteAsync(scope.Targets[step.Target], step, scope.RowsPerStep, cancellationToken);
}
