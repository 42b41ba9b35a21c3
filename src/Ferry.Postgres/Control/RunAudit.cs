using Ferry.Core.Reconciliation;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// A run's report from the target tables: the run row, the loads it planned with their batches' counts and
/// timing, and its quarantine. Counts come from the quarantine table itself, not from the batches' counters, and
/// rows that the end-of-run foreign-key validation moved from the target to the quarantine are no longer counted
/// as loaded; values the load stored differently by a documented rule are counted per column. A run's figures are what the load recorded; only a verification compares content, so the report also
/// names the latest verification of what the run loaded, if any.
/// </summary>
public static class RunAudit
{
    public sealed record Result(AuditReport Report, IReadOnlyList<AuditEvent> Events);

    private const string Loads =
        "SELECT l.district_id, l.entity, l.state, coalesce(l.source_rows, 0), coalesce(b.rows_read, 0), coalesce(b.rows_loaded, 0), " +
        "coalesce(b.rows_fixed, 0), coalesce(b.elapsed_ms, 0), coalesce(q.rejected, 0), coalesce(q.moved, 0) " +
        "FROM ferry.load l " +
        "LEFT JOIN LATERAL (SELECT sum(rows_read) AS rows_read, sum(rows_loaded) AS rows_loaded, sum(rows_fixed) AS rows_fixed, sum(elapsed_ms) AS elapsed_ms " +
        "  FROM ferry.batch b WHERE b.run_id = l.run_id AND b.tenant_id = l.tenant_id AND b.entity = l.entity AND b.state = 'done') b ON true " +
        "LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE action = 'rejected') AS rejected, " +
        "  count(*) FILTER (WHERE action = 'rejected' AND reason_code = 'orphan_at_validation') AS moved " +
        "  FROM ferry.quarantine q WHERE q.run_id = l.run_id AND q.tenant_id = l.tenant_id AND q.entity = l.entity) q ON true " +
        "WHERE l.run_id = $1";

    public static async Task<Result?> ReadAsync(IReadOnlyList<NpgsqlDataSource> targets, Guid runId, CancellationToken cancellationToken)
    {
        AuditReport? header = null;
        var entities = new List<AuditEntity>();
        var events = new List<AuditEvent>();
        long rowsRead = 0;
        foreach (var db in targets)
        {
            await using (var cmd = db.CreateCommand("SELECT started_at, finished_at, state, districts, entities, host, message, kind FROM ferry.run WHERE run_id = $1 AND NOT dry_run"))
            {
                cmd.Parameters.AddWithValue(runId);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    continue;
                }

                var here = new AuditReport
                {
                    Kind = AuditKind.Run,
                    Id = runId,
                    StartedAt = new DateTimeOffset(reader.GetDateTime(0)),
                    FinishedAt = reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetDateTime(1)),
                    State = reader.GetString(2),
                    Districts = reader.GetFieldValue<string[]>(3),
                    EntityScope = reader.GetFieldValue<string[]>(4),
                    Host = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Message = reader.IsDBNull(6) ? null : reader.GetString(6),
                    RunKind = reader.GetString(7),
                    Entities = [],
                };

                // Every target database records the run; the earliest start, the latest end and the worst state win.
                header = header is null ? here : header with
                {
                    StartedAt = here.StartedAt < header.StartedAt ? here.StartedAt : header.StartedAt,
                    FinishedAt = here.FinishedAt is null || header.FinishedAt is null ? null : here.FinishedAt > header.FinishedAt ? here.FinishedAt : header.FinishedAt,
                    State = here.State == "completed" ? header.State : here.State,
                    Message = header.Message ?? here.Message,
                };
            }

            var changes = await ValueChanges.OfRunAsync(db, runId, cancellationToken);
            await using (var cmd = db.CreateCommand(Loads))
            {
                cmd.Parameters.AddWithValue(runId);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var rejected = reader.GetInt64(8);
                    var district = reader.GetString(0);
                    var entity = reader.GetString(1);
                    entities.Add(new AuditEntity
                    {
                        District = district,
                        Entity = entity,
                        ValueChanges = changes.GetValueOrDefault((district, entity), []),
                        Status = reader.GetString(2) == "loaded" ? AuditEntity.Loaded : AuditEntity.Incomplete,
                        Source = reader.GetInt64(3),
                        Target = reader.GetInt64(5) - reader.GetInt64(9),
                        Quarantined = rejected,
                        Fixed = reader.GetInt64(6),
                        ElapsedMs = reader.GetInt64(7),
                    });
                    rowsRead += reader.GetInt64(4);
                }
            }

            await using (var cmd = db.CreateCommand(
                "SELECT committed_at, district_id, entity, batch_no, rows_read, rows_loaded, rows_quarantined, rows_fixed, elapsed_ms " +
                "FROM ferry.batch WHERE run_id = $1 AND state = 'done' ORDER BY committed_at, district_id, entity, batch_no"))
            {
                cmd.Parameters.AddWithValue(runId);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var elapsed = reader.IsDBNull(8) ? 0 : reader.GetInt64(8);
                    var read = reader.IsDBNull(4) ? 0 : reader.GetInt64(4);
                    events.Add(new AuditEvent
                    {
                        At = new DateTimeOffset(reader.GetDateTime(0)),
                        Event = "batch_committed",
                        District = reader.GetString(1),
                        Entity = reader.GetString(2),
                        Batch = reader.GetInt32(3),
                        RowsRead = read,
                        RowsLoaded = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                        RowsQuarantined = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                        RowsFixed = reader.IsDBNull(7) ? null : reader.GetInt64(7),
                        ElapsedMs = elapsed,
                        RowsPerSecond = Math.Round(read / Math.Max(elapsed / 1000.0, 0.001), 1),
                    });
                }
            }
        }

        if (header is null)
        {
            return null;
        }

        var quarantine = await QuarantineScope.OfRun(runId).GroupsAsync(targets, cancellationToken);
        var report = header with
        {
            Entities = entities.OrderBy(e => e.District, StringComparer.Ordinal).ThenBy(e => e.Entity, StringComparer.Ordinal).ToList(),
            RowsRead = rowsRead,
            Reasons = AuditReason.Of(quarantine),
            Quarantine = quarantine,
            Spans = events.Select(e => new AuditSpan(e.At, e.ElapsedMs ?? 0, e.RowsRead ?? 0)).ToList(),
            Verification = await VerificationAsync(targets, runId, cancellationToken),
            Deltas = header.RunKind == "delta" ? await Deltas.DeltaAudit.OfRunAsync(targets, runId, cancellationToken) : [],
            ChangeCapture = header.RunKind == "run" ? await Deltas.DeltaAudit.ChangeCaptureOfRunAsync(targets, runId, cancellationToken) : [],
        };
        var log = new List<AuditEvent>
        {
            new() { At = report.StartedAt, Event = "run_started", Message = $"districts {string.Join(", ", report.Districts)}; {report.EntityScope.Count} entities" },
        };
        log.AddRange(events.OrderBy(e => e.At));
        if (report.FinishedAt is { } finished)
        {
            log.Add(new AuditEvent
            {
                At = finished,
                Event = "run_finished",
                State = report.State,
                RowsRead = rowsRead,
                RowsLoaded = report.Entities.Sum(e => e.Target),
                RowsQuarantined = report.Entities.Sum(e => e.Quarantined),
                RowsFixed = report.Entities.Sum(e => e.Fixed),
                ElapsedMs = (long)report.Elapsed.TotalMilliseconds,
                RowsPerSecond = Math.Round(report.RowsPerSecond, 1),
                Message = report.Message,
            });
        }

        // Operator actions (start, terminate, rollback ... over the HTTP API) belong in the run's log beside its work.
        log.AddRange((await OperatorActions.OfRunAsync(targets, runId.ToString("D"), cancellationToken)).Select(EventOf));
        return new Result(report, log.OrderBy(e => e.At).ToList());
    }

    /// <summary>An operator action as a log event: <c>operator_action</c>, its outcome as the state, who, role and what as the message.</summary>
    public static AuditEvent EventOf(OperatorAction action) => new()
    {
        At = action.At,
        Event = "operator_action",
        District = action.Districts.Count == 0 ? null : string.Join(",", action.Districts),
        State = action.Outcome,
        Message = $"{action.Action} by {action.Actor} ({action.Role}){(action.Detail is null ? "" : $": {action.Detail}")}",
    };

    /// <summary>The latest verification that covered entities this run loaded, with whether all of those had parity.</summary>
    private static async Task<AuditVerification?> VerificationAsync(IReadOnlyList<NpgsqlDataSource> targets, Guid runId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, AuditVerification>();
        foreach (var target in targets)
        {
            await using var cmd = target.CreateCommand(
                "SELECT v.verify_id, v.finished_at, bool_and(e.status = 'pass') FROM ferry.verify v JOIN ferry.verify_entity e ON e.verify_id = v.verify_id " +
                "WHERE e.load_run_id = $1 GROUP BY v.verify_id, v.finished_at");
            cmd.Parameters.AddWithValue(runId);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                var here = new AuditVerification(id, new DateTimeOffset(reader.GetDateTime(1)), reader.GetBoolean(2));
                // A verification spanning several target databases has parity only if it had it in each.
                found[id] = found.TryGetValue(id, out var seen) ? seen with { Parity = seen.Parity && here.Parity } : here;
            }
        }

        return found.Values.OrderByDescending(v => v.FinishedAt).ThenByDescending(v => v.VerifyId).FirstOrDefault();
    }
}
