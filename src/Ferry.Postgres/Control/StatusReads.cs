using Ferry.Core.Status;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>Reads run state from the target databases' own tables; it never trusts in-memory counters.</summary>
public static class StatusReads
{
    /// <summary>
    /// Every (district, entity) the target databases have a load for (those of <paramref name="districtFilter"/>
    /// when it names any), every run and verification, and what stays deferred.
    /// </summary>
    public static async Task<StatusReport> ReadAsync(IReadOnlyList<NpgsqlDataSource> targets, IReadOnlyCollection<string> districtFilter, CancellationToken cancellationToken)
    {
        var entities = new Dictionary<(string, string), EntityStatus>();
        var runs = new Dictionary<Guid, RunSummary>();
        var verifications = new Dictionary<Guid, VerificationSummary>();
        var deferred = 0;
        var deferredIndexes = 0;
        foreach (var db in targets)
        {
            var changes = await ValueChanges.OfLoadsAsync(db, cancellationToken);
            await using (var cmd = db.CreateCommand(
                "SELECT l.district_id, l.entity, l.state, coalesce(l.source_rows, 0), l.batches, l.run_id, " +
                "coalesce((SELECT sum(b.rows_loaded) FROM ferry.batch b WHERE b.tenant_id = l.tenant_id AND b.entity = l.entity AND b.run_id = l.run_id AND b.state = 'done'), 0), " +
                "(SELECT count(*) FROM ferry.batch b WHERE b.tenant_id = l.tenant_id AND b.entity = l.entity AND b.run_id = l.run_id AND b.state = 'done'), " +
                "(SELECT count(*) FROM ferry.quarantine q WHERE q.tenant_id = l.tenant_id AND q.entity = l.entity AND q.action = 'rejected') " +
                "FROM ferry.load l"))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var district = reader.GetString(0);
                    if (districtFilter.Count > 0 && !districtFilter.Contains(district))
                    {
                        continue;
                    }

                    var planned = reader.GetInt64(3);
                    var loaded = reader.GetInt64(6);
                    var quarantined = reader.GetInt64(8);
                    var state = reader.GetString(2) == "loaded" ? "loaded" : reader.GetInt64(7) > 0 ? "loading" : "planned";
                    var entity = reader.GetString(1);
                    entities[(district, entity)] = new EntityStatus(
                        district, entity, state, planned, loaded, quarantined,
                        state == "loaded" ? 0 : Math.Max(0, planned - loaded - quarantined),
                        reader.GetInt32(4), (int)reader.GetInt64(7), reader.GetGuid(5))
                    {
                        ValueChanges = changes.GetValueOrDefault((district, entity), []),
                    };
                }
            }

            await using (var cmd = db.CreateCommand(
                "SELECT r.run_id, r.state, r.started_at, r.finished_at, r.districts, r.message, r.kind, r.rollback_of, " +
                "array(SELECT x.district_id FROM ferry.run_district x WHERE x.run_id = r.run_id AND x.state = 'rolled_back' ORDER BY x.district_id) " +
                "FROM ferry.run r WHERE NOT r.dry_run ORDER BY r.started_at"))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    runs[reader.GetGuid(0)] = new RunSummary(
                        reader.GetGuid(0), reader.GetString(1), reader.GetDateTime(2), reader.IsDBNull(3) ? null : reader.GetDateTime(3),
                        reader.GetFieldValue<string[]>(4), reader.IsDBNull(5) ? null : reader.GetString(5))
                    {
                        Kind = reader.GetString(6),
                        RollbackOf = reader.IsDBNull(7) ? null : reader.GetGuid(7),
                        RolledBack = reader.GetFieldValue<string[]>(8),
                    };
                }
            }

            // A run still marked running whose lease nobody renews any more was abandoned (its process was killed or
            // is paused): it resumes when it, or a run of the same scope, takes its lease back.
            var live = await Leases.LiveRunsAsync(db, cancellationToken);
            foreach (var run in runs.Values.Where(r => r.State == "running" && !live.Contains(r.RunId)).ToList())
            {
                runs[run.RunId] = run with { State = "abandoned" };
            }

            await using (var cmd = db.CreateCommand(
                "SELECT v.verify_id, v.started_at, v.finished_at, v.districts, v.parity, " +
                "(SELECT count(*) FROM ferry.verify_entity e WHERE e.verify_id = v.verify_id), " +
                "(SELECT count(*) FROM ferry.verify_entity e WHERE e.verify_id = v.verify_id AND e.status <> 'pass') " +
                "FROM ferry.verify v ORDER BY v.started_at"))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var here = new VerificationSummary(
                        reader.GetGuid(0), reader.GetDateTime(1), reader.GetDateTime(2), reader.GetFieldValue<string[]>(3),
                        reader.GetBoolean(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6));
                    // A verification over several target databases is recorded in each, with the entity results of that database.
                    verifications[here.VerifyId] = verifications.TryGetValue(here.VerifyId, out var seen)
                        ? seen with { Parity = seen.Parity && here.Parity, EntityResults = seen.EntityResults + here.EntityResults, Differing = seen.Differing + here.Differing }
                        : here;
                }
            }

            await using (var cmd = db.CreateCommand("SELECT count(*) FROM ferry.dropped_constraint"))
            {
                deferred += Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            await using (var cmd = db.CreateCommand("SELECT count(*) FROM ferry.dropped_index"))
            {
                deferredIndexes += Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new StatusReport(
            entities.Values.OrderBy(e => e.District, StringComparer.Ordinal).ThenBy(e => e.Entity, StringComparer.Ordinal).ToList(),
            runs.Values.OrderBy(r => r.StartedAt).ToList(),
            deferred,
            deferredIndexes)
        {
            Verifications = verifications.Values.OrderBy(v => v.StartedAt).ToList(),
        };
    }
}
