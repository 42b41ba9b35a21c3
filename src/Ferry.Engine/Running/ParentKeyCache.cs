using System.Collections.Concurrent;
using System.Globalization;
using Ferry.Core.Configuration;
using Ferry.Core.Model;
using Ferry.Core.Planning;
using Ferry.Engine.Pipeline;

namespace Ferry.Engine.Running;

/// <summary>
/// The integer keys of each (district, parent table), read from the source once per run and shared by every child
/// load that checks its references against them. Children load only after their parents, so the keys are read after
/// the parent's load finished: what they hold is what the parent could have loaded. One set per parent, not per
/// child, keeps memory bounded by the parents (at most <see cref="ParentKeySet.MaxSpan"/> bits each), however many
/// child loads a run plans at once.
/// </summary>
internal sealed class ParentKeyCache
{
    private readonly ConcurrentDictionary<(string District, TableName Parent), Lazy<Task<ParentKeySet?>>> _sets = new();

    /// <summary>The parent's keys, or null when they no longer fit a set (the span grew since the caller looked).</summary>
    public Task<ParentKeySet?> GetAsync(DistrictSettings district, EntityMapping parent, CancellationToken cancellationToken, SourceSchema? schema = null) =>
        _sets.GetOrAdd((district.Id, parent.Source), _ => new Lazy<Task<ParentKeySet?>>(() => ReadAsync(district, parent, schema, cancellationToken))).Value;

    private static async Task<ParentKeySet?> ReadAsync(DistrictSettings district, EntityMapping parent, SourceSchema? schema, CancellationToken cancellationToken)
    {
        var adapter = SourceAdapters.For(district.Source.Provider);
        var dialect = SourceReads.Dialect(adapter, schema);
        var key = parent.Key[0];
        await using var connection = await adapter.OpenAsync(district.Source.Connection, cancellationToken);
        await using var read = await adapter.BeginReadAsync(connection, SourceReads.Tables(schema, [parent.Source]), cancellationToken);
        if (await LoadPlanner.SpanAsync(connection, read, dialect, parent.Source, key, cancellationToken) is not var (min, max)
            || (Int128)max - min >= ParentKeySet.MaxSpan)
        {
            return null;
        }

        var keys = new ParentKeySet(min, max);
        await using (var values = LoadPlanner.Command(connection, read, dialect.SelectValues(parent.Source, key)))
        await using (var reader = await values.ExecuteReaderAsync(cancellationToken))
        {
            var type = reader.GetFieldType(0);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Typed reads for the usual key types; anything else (SQL Server's tinyint arrives as byte) converts.
                keys.Add(type == typeof(int) ? reader.GetInt32(0)
                    : type == typeof(long) ? reader.GetInt64(0)
                    : type == typeof(short) ? reader.GetInt16(0)
                    : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        await read.CommitAsync(cancellationToken);
        return keys;
    }
}
