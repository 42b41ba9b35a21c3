using System.Runtime.CompilerServices;
using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Npgsql;

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
    private readonly string _quarantineFilter;
    private readonly Action<NpgsqlCommand> _bind;

    private AuditSource(TargetDatabases targets, AuditReport report, IReadOnlyList<AuditEvent> events, string quarantineFilter, Action<NpgsqlCommand> bind)
    {
        _targets = targets;
        Report = report;
        _events = events;
        _quarantineFilter = quarantineFilter;
        _bind = bind;
    }

    public AuditReport Report { get; }

    /// <summary>The run or verification with this id, or null when no target database knows it.</summary>
    public static async Task<AuditSource?> OpenAsync(MigrationConfig config, Guid id, CancellationToken cancellationToken)
    {
        var targets = await TargetDatabases.OpenAsync(config, cancellationToken);
        try
        {
            if (await RunAudit.ReadAsync(targets, id, cancellationToken) is { } run)
            {
                return new AuditSource(targets, run.Report, run.Events, "q.run_id = $1", cmd => cmd.Parameters.AddWithValue(id));
            }

            if (await VerifyStore.LoadAsync(targets, id, cancellationToken) is { } verification)
            {
                var tenants = verification.Entities.Select(e => e.Tenant).ToArray();
                var entities = verification.Entities.Select(e => e.Entity).ToArray();
                const string filter = "(q.tenant_id, q.entity) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))";
                void Bind(NpgsqlCommand cmd)
                {
                    cmd.Parameters.AddWithValue(tenants);
                    cmd.Parameters.AddWithValue(entities);
                }

                var quarantine = await RunAudit.QuarantineAsync(targets, filter, Bind, cancellationToken);
                return new AuditSource(targets, VerificationAudit.Report(verification, quarantine), VerificationAudit.Events(verification).ToList(), filter, Bind);
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
        foreach (var name in _targets.Names)
        {
            await using var cmd = _targets[name].CreateCommand(
                "SELECT q.quarantine_id, q.at, q.run_id, q.district_id, q.entity, q.batch_no, q.legacy_key, q.id, q.action, q.reason_code, q.column_name, q.reason, q.row::text " +
                $"FROM ferry.quarantine q WHERE {_quarantineFilter} ORDER BY q.quarantine_id");
            cmd.CommandTimeout = 0;
            _bind(cmd);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return new QuarantineRecord(
                    reader.GetInt64(0),
                    new DateTimeOffset(reader.GetDateTime(1)),
                    reader.GetGuid(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetGuid(7),
                    reader.GetString(8),
                    reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.GetString(11),
                    reader.GetString(12));
            }
        }
    }

    public ValueTask DisposeAsync() => _targets.DisposeAsync();
}
