namespace Ferry.Core.Reconciliation;

/// <summary>
/// The parts of a report too large to hold in memory, streamed from where they are stored (the target databases'
/// own tables) while the report is written. Each call starts a new enumeration.
/// </summary>
public interface IAuditDetails
{
    IAsyncEnumerable<AuditEvent> EventsAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<QuarantineRecord> QuarantineAsync(CancellationToken cancellationToken);
}
