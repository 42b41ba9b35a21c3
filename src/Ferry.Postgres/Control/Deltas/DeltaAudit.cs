using Ferry.Core.Reconciliation;
using Npgsql;

namespace Ferry.Postgres.Control.Deltas;

/// <summary>
/// The delta side of a report, from the target tables: what a delta run did per district and entity, where a load
/// run leaves each district's deltas to start, and the districts' cut-overs and purges.
/// </summary>
public static class DeltaAudit
{
    /// <summary>Per district the delta run applied to: positions, when, whether rolled back since, and per entity its changes.</summary>
    public static async Task<IReadOnlyList<AuditDelta>> OfRunAsync(IReadOnlyList<NpgsqlDataSource> targets, Guid runId, CancellationToken cancellationToken)
    {
        var parts = new List<AuditDelta>();
        foreach (var db in targets)
        {
            var entities = new Dictionary<Guid, List<AuditDeltaEntity>>();
            await using (var command = db.CreateCommand(
                "SELECT tenant_id, entity, inserted, updated, deleted, quarantined, resolved, conflicts, legacy_won FROM ferry.delta_entity WHERE run_id = $1 ORDER BY entity"))
            {
                command.Parameters.AddWithValue(runId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var tenant = reader.GetGuid(0);
                    if (!entities.TryGetValue(tenant, out var list))
                    {
                        entities[tenant] = list = [];
                    }

                    list.Add(new AuditDeltaEntity(
                        reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8)));
                }
            }

            await using (var command = db.CreateCommand(
                "SELECT d.tenant_id, d.district_id, d.from_position, d.to_position, d.applied_at, " +
                "EXISTS (SELECT 1 FROM ferry.run_district rd WHERE rd.run_id = d.run_id AND rd.district_id = d.district_id AND rd.state = 'rolled_back') " +
                "FROM ferry.delta_applied d WHERE d.run_id = $1"))
            {
                command.Parameters.AddWithValue(runId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    parts.Add(new AuditDelta(
                        reader.GetString(1), reader.GetString(2), reader.GetString(3), new DateTimeOffset(reader.GetDateTime(4)), reader.GetBoolean(5),
                        entities.GetValueOrDefault(reader.GetGuid(0)) ?? []));
                }
            }
        }

        // A district whose entities live in several target databases has one part in each: one section, the widest span.
        return parts.GroupBy(p => p.District, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.First() : new AuditDelta(
            g.Key,
            g.Select(p => p.From).MinBy(Position)!,
            g.Select(p => p.To).MaxBy(Position)!,
            g.Max(p => p.AppliedAt),
            g.All(p => p.RolledBack),
            g.SelectMany(p => p.Entities).OrderBy(e => e.Entity, StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>Per district of a load run: whether each of its loads recorded a change position, and the earliest.</summary>
    public static async Task<IReadOnlyList<AuditChangeCapture>> ChangeCaptureOfRunAsync(IReadOnlyList<NpgsqlDataSource> targets, Guid runId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (bool Enabled, List<string> Positions)>(StringComparer.Ordinal);
        foreach (var db in targets)
        {
            await using var command = db.CreateCommand("SELECT district_id, change_position FROM ferry.load WHERE run_id = $1");
            command.Parameters.AddWithValue(runId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var district = reader.GetString(0);
                var position = reader.IsDBNull(1) ? null : reader.GetString(1);
                var seen = found.TryGetValue(district, out var s) ? s : (Enabled: true, Positions: new List<string>());
                if (position is not null)
                {
                    seen.Positions.Add(position);
                }

                found[district] = (seen.Enabled && position is not null, seen.Positions);
            }
        }

        return found.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new AuditChangeCapture(f.Key, f.Value.Enabled, f.Value.Positions.MinBy(Position)))
            .ToList();
    }

    /// <summary>The cut-overs and purges of these districts.</summary>
    public static async Task<(IReadOnlyList<AuditCutOver> CutOvers, IReadOnlyList<AuditPurge> Purges)> LifecycleAsync(
        IReadOnlyList<NpgsqlDataSource> targets, IReadOnlyList<string> districts, CancellationToken cancellationToken)
    {
        var cutOvers = new Dictionary<string, AuditCutOver>(StringComparer.Ordinal);
        var purges = new List<AuditPurge>();
        foreach (var db in targets)
        {
            await using (var command = db.CreateCommand("SELECT district_id, cut_over_at, position, run_id FROM ferry.cutover WHERE district_id = ANY($1)"))
            {
                command.Parameters.AddWithValue(districts.ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    cutOvers.TryAdd(reader.GetString(0), new AuditCutOver(reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1)), reader.GetString(2), reader.GetGuid(3)));
                }
            }

            await using (var command = db.CreateCommand("SELECT district_id, purged_at, before, summary::text FROM ferry.purge WHERE district_id = ANY($1) ORDER BY purged_at"))
            {
                command.Parameters.AddWithValue(districts.ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    purges.Add(new AuditPurge(reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1)), new DateTimeOffset(reader.GetDateTime(2)), reader.GetString(3)));
                }
            }
        }

        return (cutOvers.Values.OrderBy(c => c.District, StringComparer.Ordinal).ToList(),
            purges.OrderBy(p => p.District, StringComparer.Ordinal).ThenBy(p => p.At).ToList());
    }

    // Change positions are numbers (the change log's sequence, a Change Tracking version), kept as text.
    private static decimal Position(string position) =>
        decimal.TryParse(position, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : decimal.MaxValue;
}
