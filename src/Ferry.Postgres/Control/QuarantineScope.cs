using System.Runtime.CompilerServices;
using Ferry.Core.Reconciliation;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// Which quarantine records a report covers: those of one run, or those of the (tenant, entity) pairs a
/// verification compared; read grouped by reason for the report's tables, or one by one for its quarantine file.
/// </summary>
public sealed class QuarantineScope
{
    private readonly string _filter;
    private readonly Action<NpgsqlCommand> _bind;

    private QuarantineScope(string filter, Action<NpgsqlCommand> bind)
    {
        _filter = filter;
        _bind = bind;
    }

    public static QuarantineScope OfRun(Guid runId) => new("q.run_id = $1", cmd => cmd.Parameters.AddWithValue(runId));

    public static QuarantineScope OfEntities(IEnumerable<(Guid Tenant, string Entity)> pairs)
    {
        var list = pairs.ToList();
        var tenants = list.Select(p => p.Tenant).ToArray();
        var entities = list.Select(p => p.Entity).ToArray();
        return new("(q.tenant_id, q.entity) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))", cmd =>
        {
            cmd.Parameters.AddWithValue(tenants);
            cmd.Parameters.AddWithValue(entities);
        });
    }

    /// <summary>
    /// The records by district, entity, action and reason over every target database, each with the reason recorded
    /// for its first record; largest first.
    /// </summary>
    public async Task<IReadOnlyList<QuarantineGroup>> GroupsAsync(IEnumerable<NpgsqlDataSource> targets, CancellationToken cancellationToken)
    {
        var groups = new List<QuarantineGroup>();
        foreach (var target in targets)
        {
            await using var cmd = target.CreateCommand(
                "SELECT g.district_id, g.entity, g.action, g.reason_code, g.n, e.reason FROM (" +
                $"  SELECT q.district_id, q.entity, q.action, q.reason_code, count(*) AS n, min(q.quarantine_id) AS first FROM ferry.quarantine q WHERE {_filter} GROUP BY 1, 2, 3, 4" +
                ") g JOIN ferry.quarantine e ON e.quarantine_id = g.first");
            cmd.CommandTimeout = 0;
            _bind(cmd);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups.Add(new QuarantineGroup(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5)));
            }
        }

        return groups
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.District, StringComparer.Ordinal)
            .ThenBy(g => g.Entity, StringComparer.Ordinal)
            .ThenBy(g => g.Action, StringComparer.Ordinal)
            .ThenBy(g => g.ReasonCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The records of one target database, oldest first, streamed.</summary>
    public async IAsyncEnumerable<QuarantineRecord> RecordsAsync(NpgsqlDataSource target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var cmd = target.CreateCommand(
            "SELECT q.quarantine_id, q.at, q.run_id, q.district_id, q.entity, q.batch_no, q.legacy_key, q.id, q.action, q.reason_code, q.column_name, q.reason, q.row::text " +
            $"FROM ferry.quarantine q WHERE {_filter} ORDER BY q.quarantine_id");
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
