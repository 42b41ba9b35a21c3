using System.Data;
using Ferry.Core.Planning;
using Ferry.Core.Reconciliation;
using Ferry.Postgres.Target;

namespace Ferry.Engine.Verification;

/// <summary>
/// Streams one unit of work: a key range of the source (in its own consistent-read transaction, as a load batch
/// reads) or an id range of the tenant's target rows. Rows are handed to a callback one at a time and never kept,
/// so memory stays flat whatever the table size.
/// </summary>
internal static class Scans
{
    public static async Task<long> SourceAsync(EntityVerification v, SourceRange range, Action<SourceRowReader> onRow, CancellationToken cancellationToken)
    {
        var dialect = v.Dialect;
        await using var connection = await v.Source.OpenAsync(v.District.Source.Connection, cancellationToken);
        await using var read = await v.Source.BeginReadAsync(connection, v.ReadTables, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = read;
        command.CommandTimeout = 0;
        var index = 0;
        foreach (var value in (range.Lower ?? []).Concat(range.Upper ?? []))
        {
            var column = v.KeyColumns[index % v.KeyColumns.Length];
            command.Parameters.Add(v.Source.CreateParameter(dialect.Parameter(index++).TrimStart('@', ':', '$'), value, column));
        }

        var shared = range is { Lower: { } lower, Upper: { } upper } ? KeyBounds.SharedPrefix(lower, upper) : 0;
        command.CommandText = dialect.SelectRange(v.Entity.Source, v.SelectColumns, v.Entity.Key.ToList(), range.Lower is not null, range.Upper is not null, shared);
        long rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        using (var abandoned = new Pipeline.CancelIfAbandoned(command))
        {
            var row = new SourceRowReader(v, reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                row.Read(reader);
                onRow(row);
            }

            abandoned.Complete();
        }

        await read.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Counts the source rows whose key has a NULL column: they are never selected by a key range.</summary>
    public static async Task<long> NullKeysAsync(EntityVerification v, CancellationToken cancellationToken)
    {
        await using var connection = await v.Source.OpenAsync(v.District.Source.Connection, cancellationToken);
        await using var read = await v.Source.BeginReadAsync(connection, v.ReadTables, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = read;
        command.CommandTimeout = 0;
        command.CommandText = v.Dialect.SelectNullKeys(v.Entity.Source, [v.Dialect.Quote(v.Entity.Key[0])], v.Entity.Key.ToList());
        long rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
            }
        }

        await read.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>The source's key every <paramref name="every"/> rows, as the ranges (lower, upper] that cover every keyed row.</summary>
    public static async Task<IReadOnlyList<SourceRange>> RangesAsync(EntityVerification v, int every, CancellationToken cancellationToken)
    {
        await using var connection = await v.Source.OpenAsync(v.District.Source.Connection, cancellationToken);
        await using var read = await v.Source.BeginReadAsync(connection, v.ReadTables, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = read;
        command.CommandTimeout = 0;
        command.CommandText = v.Dialect.SelectKeyBoundaries(v.Entity.Source, v.Entity.Key.ToList(), every);
        var ranges = new List<SourceRange>();
        object[]? lower = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var upper = new object[v.Entity.Key.Count];
                reader.GetValues(upper);
                ranges.Add(new SourceRange(lower, upper));
                lower = upper;
            }
        }

        ranges.Add(new SourceRange(lower, null));
        await read.CommitAsync(cancellationToken);
        return ranges;
    }

    public static async Task<long> TargetAsync(EntityVerification v, IdRange range, Action<TargetRowReader> onRow, CancellationToken cancellationToken)
    {
        await using var session = await TargetSession.OpenAsync(v.Target, v.District.Tenant, cancellationToken);
        await using var command = session.TenantRows(v.TargetTable, v.TargetColumns, v.District.Tenant, range.Lower, range.Upper);

        long rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            var row = new TargetRowReader(v);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows++;
                row.Read(reader);
                onRow(row);
            }
        }

        return rows;
    }
}
