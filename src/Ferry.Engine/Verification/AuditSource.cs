using System.Runtime.CompilerServices;
using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Postgres.Control;

namespace Ferry.Engine.Verification;

/// <summary>
/// The report of a run or of a verification, rebuilt from the target databases' own tables (ferry.run, ferry.load,
/// ferry.batch, ferry.quarantine, ferry.verify, ferry.verify_entity) whenever it is asked for, so reports can be
/// written again long after the process that did the work is gone. Holds the target connections until disposed:
/// the event log and the quarantine stream from them while the reports are written.
/// </summary>
public sealed class AuditSource : IAuditDetails, IAsyncDisposable
{
    private readonly TargetDatabases _targets;
    private readonly IReadOnlyList<AuditEvent> _events;
    private readonly QuarantineScope _quarantine;

    private AuditSource(TargetDatabases targets, AuditReport report, IReadOnlyList<AuditEvent> events, QuarantineScope quarantine)
    {
        _targets = targets;
        Report = report;
        _events = events;
        _quarantine = quarantine;
    }

    public AuditReport Report { get; }

    /// <summary>The run or verification with this id, or null when no target database knows it.</summary>
    public static async Task<AuditSource?> OpenAsync(MigrationConfig config, Guid id, CancellationToken cancellationToken)
    {
        var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        try
        {
            if (await RunAudit.ReadAsync(targets.All, id, cancellationToken) is { } run)
            {
                return new AuditSource(targets, await WithLifecycleAsync(targets, run.Report, cancellationToken), run.Events, QuarantineScope.OfRun(id));
            }

            if (await VerifyStore.LoadAsync(targets.All, id, cancellationToken) is { } verification)
            {
                var scope = QuarantineScope.OfEntities(verification.Entities.Select(e => (e.Tenant, e.Entity)));
                var quarantine = await scope.GroupsAsync(targets.All, cancellationToken);
                var report = await WithLifecycleAsync(targets, VerificationAudit.Report(verification, quarantine), cancellationToken);
                return new AuditSource(targets, report, VerificationAudit.Events(verification).ToList(), scope);
            }
        }
        catch
        {
            await targets.DisposeAsync();
            throw;
        }

        await targets.DisposeAsync();
        return null;
    }

    /// <summary>The cut-overs and purges of the report's districts, as they stand when the report is written.</summary>
    private static async Task<AuditReport> WithLifecycleAsync(TargetDatabases targets, AuditReport report, CancellationToken cancellationToken)
    {
        var districts = report.Districts.Count > 0 ? report.Districts : report.Entities.Select(e => e.District).Distinct().ToList();
        var (cutOvers, purges) = await Postgres.Control.Deltas.DeltaAudit.LifecycleAsync(targets.All, districts, cancellationToken);
        return report with { CutOvers = cutOvers, Purges = purges };
    }

    public async IAsyncEnumerable<AuditEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in _events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<QuarantineRecord> QuarantineAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var target in _targets.All)
        {
            await foreach (var record in _quarantine.RecordsAsync(target, cancellationToken))
            {
                yield return record;
            }
        }
    }

    public ValueTask DisposeAsync() => _targets.DisposeAsync();
}
