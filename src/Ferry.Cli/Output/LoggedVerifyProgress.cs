using Ferry.Core.Progress;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Logging;
using Ferry.Engine.Verification;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Output;

/// <summary>Progress of <c>dm verify</c> as log events: one per entity result with its figures, the district and entity as scopes.</summary>
internal sealed class LoggedVerifyProgress(ILogger logger) : IVerifyObserver
{
    private readonly VerifyTracker _tracker = new();

    public void VerifyStarted(Guid verifyId, int entityResults)
    {
        _tracker.Started(entityResults);
        logger.LogInformation("verify {VerifyId}: {EntityResults} entity result(s) to verify", verifyId, entityResults);
    }

    public void EntityStarted(string district, string entity) => _tracker.EntityStarted(district, entity);

    public void EntityVerified(EntityReconciliation result)
    {
        _tracker.EntityVerified(result);
        using var scope = LogScopes.Begin(logger, district: result.District, entity: result.Entity);
        logger.Log(
            result.HasParity ? LogLevel.Information : LogLevel.Warning,
            "{District} {Entity}: {Status}, {SourceRows:N0} source rows ({Missing:N0} missing, {Extra:N0} extra, {Changed:N0} changed); {Done}/{Total} entity results, {RowsPerSecond:N0} rows/s, ETA {Eta}",
            result.District, result.Entity, result.Status, result.SourceRows, result.Missing, result.Extra, result.Changed,
            _tracker.Done, _tracker.Total, _tracker.Rate.Rate(_tracker.Elapsed), Eta.Format(_tracker.Eta()));
    }
}
