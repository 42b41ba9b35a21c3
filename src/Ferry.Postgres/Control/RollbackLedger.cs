using Ferry.Core.Rollback;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// The record of rollback operations in one target database: the operation itself (a <c>ferry.run</c> row of kind
/// 'rollback'), its planned steps (<c>ferry.rollback_step</c>, the checkpoints) and the runs and districts it rolls back
/// (<c>ferry.run_district</c>). Every write here is idempotent: recording or finishing twice changes nothing more.
/// </summary>
public static class RollbackLedger
{
    private const string StepColumns =
        "operation_id, step_no, tenant_id, district_id, kind, entity, table_schema, table_name, columns, self_columns, runs, restore_from, owned, keep_images, lower_id, upper_id";

    /// <summary>The latest unfinished rollback of the same run and districts, to resume instead of starting anew.</summary>
    public static async Task<Guid?> FindResumableAsync(NpgsqlDataSource target, Guid runId, string[] districts, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT run_id FROM ferry.run WHERE kind = 'rollback' AND rollback_of = $1 AND districts = $2 AND state IN ('running', 'failed', 'stopped') ORDER BY started_at DESC LIMIT 1");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(districts);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid g ? g : null;
    }

    /// <summary>Records (or marks running again) the operation that rolls back <paramref name="runId"/> for <paramref name="districts"/>.</summary>
    public static async Task StartAsync(NpgsqlDataSource target, Guid operationId, Guid runId, string[] districts, CancellationToken cancellationToken)
    {
        // No entity scope: a run of the same districts never finds a rollback to resume.
        await using var command = target.CreateCommand(
            "INSERT INTO ferry.run (run_id, kind, rollback_of, state, districts, entities, host) VALUES ($1, 'rollback', $2, 'running', $3, '{}', $4) " +
            "ON CONFLICT (run_id) DO UPDATE SET state = 'running', finished_at = NULL, message = NULL");
        command.Parameters.AddWithValue(operationId);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(districts);
        command.Parameters.AddWithValue(Environment.MachineName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the operation: completed, failed or stopped, with the reason.</summary>
    public static async Task EndAsync(NpgsqlDataSource target, Guid operationId, string state, string? message, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("UPDATE ferry.run SET state = $2, message = $3, finished_at = now() WHERE run_id = $1");
        command.Parameters.AddWithValue(operationId);
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue((object?)message ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the operation's pending steps of these tenants by <paramref name="steps"/> and records the runs it rolls
    /// back per district, in one transaction, so a plan is either recorded whole or not at all.
    /// </summary>
    public static async Task RecordPlanAsync(
        NpgsqlDataSource target, Guid operationId, IReadOnlyList<(string District, Guid Tenant, IReadOnlyList<Guid> Runs)> districts,
        IReadOnlyList<RollbackStep> steps, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand("DELETE FROM ferry.rollback_step WHERE operation_id = $1 AND tenant_id = ANY($2) AND state = 'pending'", connection, tx))
        {
            clear.Parameters.AddWithValue(operationId);
            clear.Parameters.AddWithValue(districts.Select(d => d.Tenant).ToArray());
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (district, tenant, runs) in districts)
        {
            await using var record = new NpgsqlCommand(
                "INSERT INTO ferry.run_district (run_id, district_id, tenant_id, state, rollback_id) SELECT r, $2, $3, 'rolling_back', $4 FROM unnest($1::uuid[]) r " +
                "ON CONFLICT (run_id, district_id) DO UPDATE SET state = 'rolling_back', tenant_id = excluded.tenant_id, rollback_id = excluded.rollback_id, started_at = now(), finished_at = NULL " +
                "WHERE ferry.run_district.rollback_id <> excluded.rollback_id OR ferry.run_district.state <> 'rolling_back'", connection, tx);
            record.Parameters.AddWithValue(runs.ToArray());
            record.Parameters.AddWithValue(district);
            record.Parameters.AddWithValue(tenant);
            record.Parameters.AddWithValue(operationId);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY ferry.rollback_step ({StepColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var s in steps)
            {
                await importer.WriteRowAsync(cancellationToken,
                    s.OperationId, s.StepNo, s.Tenant, s.District, Kind(s.Kind), s.Entity, s.Schema, s.Table, s.Columns.ToArray(), s.SelfColumns.ToArray(),
                    s.Runs.ToArray(), (object?)s.RestoreFrom ?? DBNull.Value, s.Owned, s.KeepImages, (object?)s.Range.Lower ?? DBNull.Value, (object?)s.Range.Upper ?? DBNull.Value);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The operation's steps recorded here (of one tenant when given), in order; pending ones only when asked.</summary>
    public static async Task<IReadOnlyList<(RollbackStep Step, bool Done, long Rows)>> StepsAsync(
        NpgsqlDataSource target, string targetName, Guid operationId, Guid? tenant, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            $"SELECT {StepColumns}, state, coalesce(rows, 0) FROM ferry.rollback_step WHERE operation_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2) ORDER BY step_no");
        command.Parameters.AddWithValue(operationId);
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Uuid, (object?)tenant ?? DBNull.Value);
        var steps = new List<(RollbackStep, bool, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add((new RollbackStep
            {
                OperationId = reader.GetGuid(0),
                StepNo = reader.GetInt32(1),
                Target = targetName,
                Tenant = reader.GetGuid(2),
                District = reader.GetString(3),
                Kind = Enum.Parse<RollbackStepKind>(reader.GetString(4), ignoreCase: true),
                Entity = reader.GetString(5),
                Schema = reader.GetString(6),
                Table = reader.GetString(7),
                Columns = reader.GetFieldValue<string[]>(8),
                SelfColumns = reader.GetFieldValue<string[]>(9),
                Runs = reader.GetFieldValue<Guid[]>(10),
                RestoreFrom = reader.IsDBNull(11) ? null : reader.GetGuid(11),
                Owned = reader.GetBoolean(12),
                KeepImages = reader.GetBoolean(13),
                Range = new UuidRange(reader.IsDBNull(14) ? null : reader.GetGuid(14), reader.IsDBNull(15) ? null : reader.GetGuid(15)),
            }, reader.GetString(16) == "done", reader.GetInt64(17)));
        }

        return steps;
    }

    /// <summary>The highest step number the operation has used here (0 when none), so a new plan numbers after it.</summary>
    public static async Task<int> LastStepNoAsync(NpgsqlDataSource target, Guid operationId, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT coalesce(max(step_no), 0) FROM ferry.rollback_step WHERE operation_id = $1");
        command.Parameters.AddWithValue(operationId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The runs the operation recorded it rolls back, per district.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<Guid>>> PlannedRunsAsync(NpgsqlDataSource target, Guid operationId, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("SELECT district_id, run_id FROM ferry.run_district WHERE rollback_id = $1");
        command.Parameters.AddWithValue(operationId);
        var result = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!result.TryGetValue(reader.GetString(0), out var runs))
            {
                result[reader.GetString(0)] = runs = [];
            }

            runs.Add(reader.GetGuid(1));
        }

        return result.ToDictionary(r => r.Key, r => (IReadOnlySet<Guid>)r.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Marks every run and district the operation rolled back as rolled_back, and each of those runs rolled_back as a
    /// whole once every district of it is. Returns the (run, district) pairs marked. Refused while a step is pending.
    /// </summary>
    public static async Task<IReadOnlyList<(Guid Run, string District)>> MarkRolledBackAsync(NpgsqlDataSource target, Guid operationId, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var pending = new NpgsqlCommand("SELECT count(*) FROM ferry.rollback_step WHERE operation_id = $1 AND state = 'pending'", connection, tx))
        {
            pending.Parameters.AddWithValue(operationId);
            if (Convert.ToInt64(await pending.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                throw new InvalidOperationException($"rollback {operationId} still has pending steps; execute them before finishing");
            }
        }

        var marked = new List<(Guid, string)>();
        await using (var mark = new NpgsqlCommand(
            "UPDATE ferry.run_district SET state = 'rolled_back', finished_at = coalesce(finished_at, now()) WHERE rollback_id = $1 RETURNING run_id, district_id", connection, tx))
        {
            mark.Parameters.AddWithValue(operationId);
            await using var reader = await mark.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                marked.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        await using (var runs = new NpgsqlCommand(
            "UPDATE ferry.run r SET state = 'rolled_back' WHERE r.run_id = ANY($1) AND r.state <> 'rolled_back' AND NOT EXISTS (SELECT 1 FROM unnest(r.districts) d " +
            "WHERE NOT EXISTS (SELECT 1 FROM ferry.run_district x WHERE x.run_id = r.run_id AND x.district_id = d AND x.state = 'rolled_back'))", connection, tx))
        {
            runs.Parameters.AddWithValue(marked.Select(m => m.Item1).Distinct().ToArray());
            await runs.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return marked;
    }

    /// <summary>Forgets a district's registration (tenant, namespace, legacy database), so it can be loaded anew, under another tenant if need be.</summary>
    public static async Task<bool> ClearRegistrationAsync(NpgsqlDataSource target, string district, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand("DELETE FROM ferry.district WHERE district_id = $1");
        command.Parameters.AddWithValue(district);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static string Kind(RollbackStepKind kind) => kind.ToString().ToLowerInvariant();
}
