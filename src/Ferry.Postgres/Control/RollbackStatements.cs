using Ferry.Core.Rollback;
using Npgsql;
using static Ferry.Postgres.Control.BeforeImages;
using static Ferry.Postgres.PgIdentifier;

namespace Ferry.Postgres.Control;

/// <summary>What executing one rollback step did: rows changed, or nothing because it was done already (or is being done).</summary>
public sealed record StepOutcome(long Rows, bool Skipped);

/// <summary>
/// Executes one <see cref="RollbackStep"/> against its target database. Every transaction first checks the operation's
/// lease (<see cref="Leases.Fence"/>) and locks the step's checkpoint row; the work and the checkpoint commit together,
/// so a step is done exactly once however often it is delivered, and a holder whose lease lapsed cannot commit. A step
/// over many rows of bookkeeping (quarantine, before-images) commits every <c>rowsPerTransaction</c> rows on its way.
/// </summary>
public static class RollbackStatements
{
    public static async Task<StepOutcome> ExecuteAsync(NpgsqlDataSource target, RollbackStep step, int rowsPerTransaction, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        long total = 0;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                if (!await ClaimAsync(connection, tx, step, cancellationToken))
                {
                    await tx.RollbackAsync(cancellationToken);
                    return new StepOutcome(total, total == 0);
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // Another process is executing this very step: its transaction decides.
                await tx.RollbackAsync(cancellationToken);
                return new StepOutcome(total, true);
            }

            var work = new Work(connection, tx, step, cancellationToken);
            var (rows, finished) = step.Kind switch
            {
                RollbackStepKind.Detach => (await work.DetachAsync(), true),
                RollbackStepKind.Delete => (await work.DeleteAsync(), true),
                RollbackStepKind.Restore => (await work.RestoreAsync(), true),
                RollbackStepKind.Reattach => (await work.ReattachAsync(), true),
                _ => step.KeepImages ? await work.SetAsideBookkeepingAsync(rowsPerTransaction) : await work.RemoveBookkeepingAsync(rowsPerTransaction),
            };
            total += rows;
            if (finished)
            {
                await using var done = new NpgsqlCommand(
                    "UPDATE ferry.rollback_step SET state = 'done', rows = $3, committed_at = clock_timestamp() WHERE operation_id = $1 AND step_no = $2", connection, tx);
                done.Parameters.AddWithValue(step.OperationId);
                done.Parameters.AddWithValue(step.StepNo);
                done.Parameters.AddWithValue(total);
                await done.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            if (finished)
            {
                return new StepOutcome(total, false);
            }
        }
    }

    /// <summary>The operation's lease is live and the step is pending (its row now locked by this transaction).</summary>
    private static async Task<bool> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction tx, RollbackStep step, CancellationToken cancellationToken)
    {
        await using (var fence = new NpgsqlCommand(Leases.Fence, connection, tx))
        {
            fence.Parameters.AddWithValue(step.OperationId.ToString());
            if (await fence.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidOperationException($"the lease of operation {step.OperationId} has lapsed (another process may have taken the district over); run again to resume");
            }
        }

        await using var claim = new NpgsqlCommand(
            "SELECT state FROM ferry.rollback_step WHERE operation_id = $1 AND step_no = $2 FOR UPDATE NOWAIT", connection, tx);
        claim.Parameters.AddWithValue(step.OperationId);
        claim.Parameters.AddWithValue(step.StepNo);
        return await claim.ExecuteScalarAsync(cancellationToken) switch
        {
            null => throw new InvalidOperationException($"step {step} of operation {step.OperationId} was never planned"),
            string state => state == "pending",
            _ => false,
        };
    }

    /// <summary>The statements of one step, inside its transaction.</summary>
    private sealed class Work(NpgsqlConnection connection, NpgsqlTransaction tx, RollbackStep step, CancellationToken cancellationToken)
    {
        private readonly string _table = Qualified(step.Schema, step.Table);

        public async Task<long> DetachAsync()
        {
            var changed = "(" + string.Join(" OR ", step.Columns.Select(c => $"x.{Quote(c)} IS NOT NULL").Concat(step.SelfColumns.Select(c => $"x.{Quote(c)} <> x.id"))) + ")";
            if (step.KeepImages)
            {
                var columns = await TableColumns.ReadAsync(connection, tx, _table, cancellationToken);
                await using var keep = Command();
                var where = Doomed(keep);
                keep.CommandText = $"INSERT INTO ferry.before_image (run_id, tenant_id, entity, relation, id, op, row) " +
                    $"SELECT {Bind(keep, step.OperationId)}, x.tenant_id, {Bind(keep, step.Entity)}, {Bind(keep, _table)}, x.id, 'delete', {Row(columns, "x")} " +
                    $"FROM {_table} x WHERE {where} AND {changed} ON CONFLICT (run_id, tenant_id, relation, id) DO NOTHING";
                await keep.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var detach = Command();
            var set = string.Join(", ", step.Columns.Select(c => $"{Quote(c)} = NULL").Concat(step.SelfColumns.Select(c => $"{Quote(c)} = x.id")));
            detach.CommandText = $"UPDATE {_table} x SET {set} WHERE {Doomed(detach)} AND {changed}";
            return await detach.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long> DeleteAsync()
        {
            await using var delete = Command();
            if (!step.KeepImages)
            {
                delete.CommandText = $"DELETE FROM {_table} x WHERE {Doomed(delete)}";
                return await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            // A row that was detached first already has its image (the first one is kept); the others get theirs here.
            var columns = await TableColumns.ReadAsync(connection, tx, _table, cancellationToken);
            var where = Doomed(delete);
            delete.CommandText = $"WITH gone AS (DELETE FROM {_table} x WHERE {where} RETURNING x.*), " +
                $"kept AS (INSERT INTO ferry.before_image (run_id, tenant_id, entity, relation, id, op, row) " +
                $"SELECT {Bind(delete, step.OperationId)}, g.tenant_id, {Bind(delete, step.Entity)}, {Bind(delete, _table)}, g.id, 'delete', {Row(columns, "g")} FROM gone g " +
                "ON CONFLICT (run_id, tenant_id, relation, id) DO NOTHING) SELECT count(*) FROM gone";
            return Convert.ToInt64(await delete.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<long> RestoreAsync()
        {
            var columns = await TableColumns.ReadAsync(connection, tx, _table, cancellationToken);
            string Value(string column, string alias) =>
                step.Columns.Contains(column) ? "NULL" : step.SelfColumns.Contains(column) ? $"{alias}.id" : $"r.{Quote(column)}";

            // Rows still there (a delta updated them) take their image's values; rows gone are inserted from it.
            await using var update = Command();
            var images = Earliest(update, step.Tenant, _table, step.EligibleRuns, step.Range);
            var set = string.Join(", ", columns.Where(c => c.Name is not ("tenant_id" or "id")).Select(c => $"{Quote(c.Name)} = {Value(c.Name, "x")}"));
            update.CommandText = $"UPDATE {_table} x SET {set} FROM ({Rows(_table, images)}) r WHERE x.tenant_id = r.tenant_id AND x.id = r.id";
            long rows = await update.ExecuteNonQueryAsync(cancellationToken);

            await using var insert = Command();
            images = Earliest(insert, step.Tenant, _table, step.EligibleRuns, step.Range);
            insert.CommandText = $"INSERT INTO {_table} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}){Overriding(columns)} " +
                $"SELECT {string.Join(", ", columns.Select(c => Value(c.Name, "r")))} FROM ({Rows(_table, images)}) r " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {_table} x WHERE x.tenant_id = r.tenant_id AND x.id = r.id)";
            return rows + await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long> ReattachAsync()
        {
            var all = step.Columns.Concat(step.SelfColumns).ToList();
            await using var reattach = Command();
            var images = Earliest(reattach, step.Tenant, _table, step.EligibleRuns, step.Range);
            reattach.CommandText = $"UPDATE {_table} x SET {string.Join(", ", all.Select(c => $"{Quote(c)} = r.{Quote(c)}"))} FROM ({Rows(_table, images)}) r " +
                $"WHERE x.tenant_id = r.tenant_id AND x.id = r.id AND ({string.Join(" OR ", all.Select(c => $"x.{Quote(c)} IS DISTINCT FROM r.{Quote(c)}"))})";
            return await reattach.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>
        /// Rollback: the runs' quarantine and row images go a slice at a time; the last transaction removes their loads,
        /// batches, counters and orphan keys, puts back the bookkeeping of the load the oldest owner replaced (a reload's),
        /// and forgets the runs' own reload steps. Returns the rows removed and whether the step is complete.
        /// </summary>
        public async Task<(long Rows, bool Finished)> RemoveBookkeepingAsync(int slice)
        {
            var quarantine = await ExecAsync(
                "DELETE FROM ferry.quarantine WHERE quarantine_id IN (SELECT quarantine_id FROM ferry.quarantine WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3) LIMIT $4)", slice);
            var images = await ExecAsync(
                "DELETE FROM ferry.before_image WHERE image_no IN (SELECT image_no FROM ferry.before_image WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3) AND relation = $5 LIMIT $4)", slice, _table);
            if (quarantine >= slice || images >= slice)
            {
                return (quarantine + images, false);
            }

            var rows = quarantine + images;
            // Quarantine entries a delta among the runs resolved come back, unless their own run is undone too.
            rows += await ExecAsync(
                "WITH back AS (DELETE FROM ferry.quarantine_resolution WHERE tenant_id = $1 AND entity = $2 AND resolved_by = ANY($3) RETURNING *) " +
                "INSERT INTO ferry.quarantine (quarantine_id, run_id, tenant_id, district_id, entity, batch_no, legacy_key, id, action, reason_code, column_name, reason, row, at) OVERRIDING SYSTEM VALUE " +
                "SELECT quarantine_id, run_id, tenant_id, district_id, entity, batch_no, legacy_key, id, action, reason_code, column_name, reason, row, at FROM back WHERE run_id <> ALL($3)");
            rows += await ExecAsync("DELETE FROM ferry.value_change WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3)");
            rows += await ExecAsync("DELETE FROM ferry.batch WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3)");
            rows += await ExecAsync(
                "DELETE FROM ferry.orphan_key WHERE tenant_id = $1 AND entity = $2 AND EXISTS (SELECT 1 FROM ferry.load l WHERE l.tenant_id = $1 AND l.entity = $2 AND l.run_id = ANY($3))");
            rows += await ExecAsync("DELETE FROM ferry.load WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3)");
            if (step.RestoreFrom is { } from)
            {
                foreach (var relation in Bookkeeping.Select(Relation))
                {
                    var columns = await TableColumns.ReadAsync(connection, tx, relation, cancellationToken);
                    var list = string.Join(", ", columns.Select(c => Quote(c.Name)));
                    await using var put = Command();
                    put.CommandText = $"INSERT INTO {relation} ({list}){Overriding(columns)} SELECT {string.Join(", ", columns.Select(c => "r." + Quote(c.Name)))} " +
                        $"FROM (SELECT (jsonb_populate_record(NULL::{relation}, b.row)).* FROM ferry.before_image b " +
                        $"WHERE b.run_id = {Bind(put, from)} AND b.tenant_id = {Bind(put, step.Tenant)} AND b.entity = {Bind(put, step.Entity)} AND b.relation = {Bind(put, relation)}) r";
                    await put.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            rows += await ExecAsync("DELETE FROM ferry.before_image WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3)");
            await ExecAsync("DELETE FROM ferry.rollback_step WHERE tenant_id = $1 AND entity = $2 AND operation_id = ANY($3)");
            return (rows, true);
        }

        /// <summary>
        /// Reload: the entity's bookkeeping for the tenant (quarantine a slice at a time, then batches, counters, orphan
        /// keys and the load) becomes before-images of the reloading run as it goes, so rolling that run back puts it back.
        /// Nothing happens once the load is no longer the one planned (the reload has already replaced it).
        /// </summary>
        public async Task<(long Rows, bool Finished)> SetAsideBookkeepingAsync(int slice)
        {
            await using (var owned = Command())
            {
                owned.CommandText = "SELECT EXISTS (SELECT 1 FROM ferry.load WHERE tenant_id = $1 AND entity = $2 AND run_id = ANY($3))";
                owned.Parameters.AddWithValue(step.Tenant);
                owned.Parameters.AddWithValue(step.Entity);
                owned.Parameters.AddWithValue(step.Runs.ToArray());
                if (!(bool)(await owned.ExecuteScalarAsync(cancellationToken))!)
                {
                    return (0, true);
                }
            }

            var rows = await SetAsideAsync("ferry.quarantine", "quarantine_id IN (SELECT quarantine_id FROM ferry.quarantine WHERE tenant_id = $1 AND entity = $2 LIMIT $3)", slice);
            if (rows >= slice)
            {
                return (rows, false);
            }

            foreach (var relation in new[] { "ferry.value_change", "ferry.batch", "ferry.orphan_key", "ferry.load" })
            {
                rows += await SetAsideAsync(relation, "tenant_id = $1 AND entity = $2");
            }

            return (rows, true);
        }

        /// <summary>Moves the rows of <paramref name="table"/> matching <paramref name="where"/> ($1 tenant, $2 entity, then <paramref name="extra"/>) into before-images.</summary>
        private async Task<long> SetAsideAsync(string table, string where, params object[] extra)
        {
            var relation = Relation(table);
            var columns = await TableColumns.ReadAsync(connection, tx, relation, cancellationToken);
            await using var command = Command();
            command.Parameters.AddWithValue(step.Tenant);
            command.Parameters.AddWithValue(step.Entity);
            foreach (var value in extra)
            {
                command.Parameters.AddWithValue(value);
            }

            command.CommandText = $"WITH gone AS (DELETE FROM {relation} WHERE {where} RETURNING *), " +
                $"kept AS (INSERT INTO ferry.before_image (run_id, tenant_id, entity, relation, op, row) " +
                $"SELECT {Bind(command, step.OperationId)}, g.tenant_id, $2, {Bind(command, relation)}, 'delete', {Row(columns, "g")} FROM gone g) " +
                "SELECT count(*) FROM gone";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Runs a statement over $1 tenant, $2 entity, $3 runs, then the extra values as $4, $5...</summary>
        private async Task<long> ExecAsync(string sql, params object[] extra)
        {
            await using var command = Command();
            command.CommandText = sql;
            command.Parameters.AddWithValue(step.Tenant);
            command.Parameters.AddWithValue(step.Entity);
            command.Parameters.AddWithValue(step.Runs.ToArray());
            foreach (var value in extra)
            {
                command.Parameters.AddWithValue(value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>
        /// The condition on target rows (alias x) that this step's runs added: every row of the tenant in the range while
        /// one of the runs owns the entity's load, otherwise the rows whose earliest image among the runs is an insert.
        /// </summary>
        private string Doomed(NpgsqlCommand command)
        {
            var tenant = Bind(command, step.Tenant);
            if (step.Owned)
            {
                return $"x.tenant_id = {tenant}{Within(command, "x.id", step.Range)} AND EXISTS (SELECT 1 FROM ferry.load l WHERE l.tenant_id = {tenant} " +
                    $"AND l.entity = {Bind(command, step.Entity)} AND l.run_id = ANY({Bind(command, step.Runs.ToArray())}))";
            }

            return $"x.tenant_id = {tenant} AND x.id IN (SELECT i.id FROM ({Earliest(command, step.Tenant, _table, step.EligibleRuns, step.Range)}) i WHERE i.op = 'insert')";
        }

        private NpgsqlCommand Command() => new() { Connection = connection, Transaction = tx, CommandTimeout = 0 };

        private static string Overriding(IReadOnlyList<TableColumn> columns) => columns.Any(c => c.Identity) ? " OVERRIDING SYSTEM VALUE" : "";
    }
}
