using Ferry.Api.Auth;
using Ferry.Postgres.Control;

namespace Ferry.Api;

/// <summary>
/// Records an operator action in the first target database's <c>ferry.operator_action</c> before the action is carried
/// out, and its outcome after: an action that cannot be recorded is not carried out (the caller answers 503).
/// </summary>
public sealed class OperatorLog(ConfiguredMigration migration)
{
    public async Task<long> BeginAsync(Caller caller, string action, string? run, IReadOnlyCollection<string> districts, CancellationToken cancellationToken)
    {
        var targets = await migration.TargetsAsync(cancellationToken);
        return await OperatorActions.RecordAsync(targets[0], caller.Name, caller.Role, action, run, districts, cancellationToken);
    }

    /// <summary>
    /// Writes the outcome. Not cancellable: the action has happened whether or not the client is still listening.
    /// </summary>
    public async Task EndAsync(long id, string outcome, string? detail = null, string? run = null)
    {
        var targets = await migration.TargetsAsync(CancellationToken.None);
        await OperatorActions.FinishAsync(targets[0], id, outcome, detail, run, CancellationToken.None);
    }

    public async Task<IReadOnlyList<OperatorAction>> OfRunAsync(string run, CancellationToken cancellationToken) =>
        await OperatorActions.OfRunAsync(await migration.TargetsAsync(cancellationToken), run, cancellationToken);
}
