using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Ferry.Postgres.Control;
using Ferry.Postgres.Target;
using Npgsql;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Executes one batch: streams its key range from the source, maps every row, and writes rows, quarantine
/// entries and the batch's checkpoint in ONE target transaction. Only <c>COMMIT</c> makes any of it visible, so a
/// process killed at any moment leaves either the whole batch or nothing. The batch row is locked first
/// (<c>FOR UPDATE NOWAIT</c>): a batch already done, or being done by another process, is skipped, which makes
/// execution idempotent under at-least-once delivery. When the target refuses a row (a constraint the source did
/// not enforce), the batch is redone with each chunk, then each row, under a savepoint, and refused rows are
/// quarantined with PostgreSQL's message. In a dry run everything is written into a temporary copy of the target
/// table inside a transaction that is always rolled back.
/// </summary>
internal sealed class BatchExecutor
{
    private const int IsolationChunk = 500;

    public async Task<BatchResult> ExecuteAsync(LoadContext ctx, BatchDescriptor batch, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(ctx, batch, dryRun, isolate: false, cancellationToken);
        }
        catch (PostgresException e) when (IsDataError(e))
        {
            return await RunAsync(ctx, batch, dryRun, isolate: true, cancellationToken);
        }
    }

    private static bool IsDataError(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);

    private static async Task<BatchResult> RunAsync(LoadContext ctx, BatchDescriptor batch, bool dryRun, bool isolate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var target = await ctx.Target.OpenConnectionAsync(cancellationToken);
        await using var tx = await target.BeginTransactionAsync(cancellationToken);
        var table = ctx.TargetTable;
        if (dryRun)
        {
            table = "pg_temp.ferry_dry_run";
            await ExecAsync(target, $"CREATE TEMP TABLE ferry_dry_run (LIKE {ctx.TargetTable} INCLUDING ALL) ON COMMIT DROP", cancellationToken);
        }
        else if (!await ClaimAsync(target, batch, cancellationToken))
        {
            return BatchResult.SkippedBatch;
        }

        await using var source = await ctx.Source.OpenAsync(ctx.District.Source.Connection, cancellationToken);
        await using var read = await ctx.Source.BeginReadAsync(source, ctx.ReadTables, cancellationToken);
        await using var command = SourceQuery(ctx, batch, source, read);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        using var abandoned = new CancelIfAbandoned(command);
        var rows = new RowProcessor(ctx, reader);
        using var quarantine = rows.Quarantine;
        long rowsRead = 0, loaded = 0;
        if (!isolate)
        {
            using var writer = BinaryCopyWriter.Start(target, ctx.CopyInto(table));
            // Synchronous reads and writes: this loop runs on its own pool thread, and per-row awaits cost more
            // than they save. Cancellation is checked every few thousand rows.
            while (reader.Read())
            {
                if ((++rowsRead & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (rows.Process(reader))
                {
                    rows.WriteTo(writer, batch.Tenant);
                    loaded++;
                }
            }

            writer.Complete();
        }
        else
        {
            (rowsRead, loaded) = await IsolateAsync(ctx, batch, target, tx, table, reader, rows, cancellationToken);
        }

        abandoned.Complete();
        await reader.DisposeAsync();
        await QuarantineWriter.WriteAsync(target, batch, rows.Quarantine, cancellationToken);
        var truncated = rows.Truncations();
        var result = new BatchResult(rowsRead, loaded, rows.Rejected, rows.Fixed, clock.Elapsed, Reasons: rows.Quarantine.Reasons, Truncated: truncated);
        if (dryRun)
        {
            await tx.RollbackAsync(cancellationToken);
            return result;
        }

        await ValueChanges.WriteAsync(target, batch, ValueChanges.SubMicrosecondTruncated, truncated, cancellationToken);
        await CompleteAsync(target, batch, result, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return result with { Elapsed = clock.Elapsed };
    }

    private static async Task<(long Read, long Loaded)> IsolateAsync(
        LoadContext ctx, BatchDescriptor batch, NpgsqlConnection target, NpgsqlTransaction tx, string table, DbDataReader reader, RowProcessor rows, CancellationToken cancellationToken)
    {
        long read = 0, loaded = 0;
        var chunk = new List<CapturedRow>(IsolationChunk);
        async Task FlushAsync()
        {
            if (chunk.Count == 0)
            {
                return;
            }

            await tx.SaveAsync("chunk", cancellationToken);
            try
            {
                await CopyRowsAsync(target, ctx, table, chunk, cancellationToken);
                await tx.ReleaseAsync("chunk", cancellationToken);
                loaded += chunk.Count;
            }
            catch (PostgresException)
            {
                await tx.RollbackAsync("chunk", cancellationToken);
                foreach (var row in chunk)
                {
                    await tx.SaveAsync("row", cancellationToken);
                    try
                    {
                        await CopyRowsAsync(target, ctx, table, [row], cancellationToken);
                        await tx.ReleaseAsync("row", cancellationToken);
                        loaded++;
                    }
                    catch (PostgresException e)
                    {
                        await tx.RollbackAsync("row", cancellationToken);
                        rows.Quarantine.Add(new QuarantineEntry(row.LegacyKey, row.Id, "rejected", ReasonCode.TargetRejected, e.ColumnName, $"target refused the row: {e.MessageText}", row.RowJson));
                    }
                }
            }

            chunk.Clear();
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            read++;
            if (rows.Process(reader))
            {
                chunk.Add(rows.Capture(batch.Tenant));
                if (chunk.Count == IsolationChunk)
                {
                    await FlushAsync();
                }
            }
        }

        await FlushAsync();
        return (read, loaded);
    }

    private static Task CopyRowsAsync(NpgsqlConnection target, LoadContext ctx, string table, IReadOnlyList<CapturedRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var writer = BinaryCopyWriter.Start(target, ctx.CopyInto(table));
        foreach (var row in rows)
        {
            writer.WriteEncoded(row.Encoded);
        }

        writer.Complete();
        return Task.CompletedTask;
    }

    private static DbCommand SourceQuery(LoadContext ctx, BatchDescriptor batch, DbConnection source, DbTransaction read)
    {
        var dialect = ctx.Dialect;
        var command = source.CreateCommand();
        command.Transaction = read;
        command.CommandTimeout = 0;
        var key = ctx.Entity.Key.ToList();
        if (batch.NullKeys)
        {
            command.CommandText = dialect.SelectNullKeys(ctx.Entity.Source, ctx.SelectColumns, key);
            return command;
        }

        var index = 0;
        var lower = batch.Lower is null ? null : KeyBounds.Decode(batch.Lower, ctx.KeyKinds);
        var upper = batch.Upper is null ? null : KeyBounds.Decode(batch.Upper, ctx.KeyKinds);
        foreach (var value in (lower ?? []).Concat(upper ?? []))
        {
            var column = ctx.KeyColumns[index % ctx.KeyColumns.Length];
            command.Parameters.Add(ctx.Source.CreateParameter(dialect.Parameter(index++).TrimStart('@', ':', '$'), value, column));
        }

        var shared = lower is not null && upper is not null ? KeyBounds.SharedPrefix(lower, upper) : 0;
        command.CommandText = dialect.SelectRange(ctx.Entity.Source, ctx.SelectColumns, key, lower is not null, upper is not null, shared);
        return command;
    }

    private static async Task<bool> ClaimAsync(NpgsqlConnection target, BatchDescriptor batch, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            "SELECT state FROM ferry.batch WHERE run_id = $1 AND tenant_id = $2 AND entity = $3 AND batch_no = $4 FOR UPDATE NOWAIT", target);
        claim.Parameters.AddWithValue(batch.RunId);
        claim.Parameters.AddWithValue(batch.Tenant);
        claim.Parameters.AddWithValue(batch.Entity);
        claim.Parameters.AddWithValue(batch.BatchNo);
        try
        {
            var state = await claim.ExecuteScalarAsync(cancellationToken) as string;
            return state == "pending";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    private static async Task CompleteAsync(NpgsqlConnection target, BatchDescriptor batch, BatchResult result, CancellationToken cancellationToken)
    {
        await using var done = new NpgsqlCommand(
            "UPDATE ferry.batch SET state = 'done', rows_read = $5, rows_loaded = $6, rows_quarantined = $7, rows_fixed = $8, elapsed_ms = $9, committed_at = now() " +
            "WHERE run_id = $1 AND tenant_id = $2 AND entity = $3 AND batch_no = $4",
            target);
        done.Parameters.AddWithValue(batch.RunId);
        done.Parameters.AddWithValue(batch.Tenant);
        done.Parameters.AddWithValue(batch.Entity);
        done.Parameters.AddWithValue(batch.BatchNo);
        done.Parameters.AddWithValue(result.RowsRead);
        done.Parameters.AddWithValue(result.RowsLoaded);
        done.Parameters.AddWithValue(result.RowsRejected);
        done.Parameters.AddWithValue(result.RowsFixed);
        done.Parameters.AddWithValue((long)result.Elapsed.TotalMilliseconds);
        await done.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
