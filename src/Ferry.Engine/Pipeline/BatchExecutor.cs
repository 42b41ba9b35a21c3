using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Ferry.Engine.Work;
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

    /// <summary>
    /// Executes one batch in its own transaction, which commits only while <paramref name="fence"/>'s lease is live
    /// (none for a dry run). Null when the batch was done already or is being done elsewhere.
    /// </summary>
    public async Task<BatchResult?> ExecuteAsync(LoadContext ctx, BatchDescriptor batch, Guid? fence, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await InTransactionAsync(ctx.Target, (target, tx) => RunAsync(ctx, batch, target, tx, dryRun, isolate: false, cancellationToken), fence, dryRun, cancellationToken);
        }
        catch (PostgresException e) when (IsDataError(e))
        {
            return await InTransactionAsync(ctx.Target, (target, tx) => RunAsync(ctx, batch, target, tx, dryRun, isolate: true, cancellationToken), fence, dryRun, cancellationToken);
        }
    }

    /// <summary>
    /// Executes the batches of one bundle (small entities of one district, one target database) in ONE transaction:
    /// one commit instead of one per table. When the target refuses a row, the bundle's work is rolled back and each
    /// batch is executed on its own, where refused rows are isolated. Batches done already are skipped.
    /// </summary>
    public async Task<IReadOnlyList<(BatchDescriptor Batch, BatchResult Result)>> ExecuteTogetherAsync(
        IReadOnlyList<(LoadContext Context, BatchDescriptor Batch)> batches, Guid fence, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return [];
        }

        try
        {
            return await InTransactionAsync(batches[0].Context.Target, async (target, tx) =>
            {
                var results = new List<(BatchDescriptor, BatchResult)>();
                foreach (var (ctx, batch) in batches)
                {
                    if (await RunAsync(ctx, batch, target, tx, dryRun: false, isolate: false, cancellationToken) is { } result)
                    {
                        results.Add((batch, result));
                    }
                }

                return (IReadOnlyList<(BatchDescriptor, BatchResult)>)results;
            }, fence, dryRun: false, cancellationToken) ?? [];
        }
        catch (PostgresException e) when (IsDataError(e))
        {
            var results = new List<(BatchDescriptor, BatchResult)>();
            foreach (var (ctx, batch) in batches)
            {
                if (await ExecuteAsync(ctx, batch, fence, dryRun: false, cancellationToken) is { } result)
                {
                    results.Add((batch, result));
                }
            }

            return results;
        }
    }

    private static bool IsDataError(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);

    /// <summary>
    /// Opens a target transaction, runs <paramref name="work"/> in it, and commits only if the run's lease is live at
    /// the end (checked, and held, inside the transaction: see <see cref="BatchLedger.FenceAsync"/>). A dry run always
    /// rolls back. A lapsed lease throws <see cref="LeaseLostException"/> with nothing committed.
    /// </summary>
    private static async Task<T?> InTransactionAsync<T>(NpgsqlDataSource dataSource, Func<NpgsqlConnection, NpgsqlTransaction, Task<T?>> work, Guid? fence, bool dryRun, CancellationToken cancellationToken)
    {
        await using var target = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await target.BeginTransactionAsync(cancellationToken);
        var result = await work(target, tx);
        if (dryRun)
        {
            await tx.RollbackAsync(cancellationToken);
            return result;
        }

        if (fence is { } run && !await BatchLedger.FenceAsync(target, run, cancellationToken))
        {
            throw new LeaseLostException(run);
        }

        await tx.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>One batch inside an open transaction; null when it is done already or claimed elsewhere.</summary>
    private static async Task<BatchResult?> RunAsync(
        LoadContext ctx, BatchDescriptor batch, NpgsqlConnection target, NpgsqlTransaction tx, bool dryRun, bool isolate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var table = ctx.TargetTable;
        if (dryRun)
        {
            table = await BatchLedger.DryRunTableAsync(target, ctx.TargetTable, cancellationToken);
        }
        else if (!await BatchLedger.ClaimAsync(target, batch, cancellationToken))
        {
            return null;
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
        await QuarantineWriter.WriteAsync(target, batch, rows.Quarantine.Count, rows.Quarantine.Entries(), cancellationToken);
        var truncated = rows.Truncations();
        var result = new BatchResult(rowsRead, loaded, rows.Rejected, rows.Fixed, clock.Elapsed, Reasons: rows.Quarantine.Reasons, Truncated: truncated);
        if (!dryRun)
        {
            await ValueChanges.WriteAsync(target, batch, ValueChanges.SubMicrosecondTruncated, truncated, cancellationToken);
            await BatchLedger.CompleteAsync(target, batch, result.RowsRead, result.RowsLoaded, result.RowsRejected, result.RowsFixed, clock.Elapsed, cancellationToken);
        }

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
}
