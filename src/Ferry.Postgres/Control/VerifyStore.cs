using System.Text.Json;
using Ferry.Core.Reconciliation;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Postgres.Control;

/// <summary>
/// Stores verification results in the target databases (the header in each, each entity's result in the database
/// that holds the entity) and reads them back, so reports never depend on the memory of the process that verified.
/// </summary>
public static class VerifyStore
{
    private const string CopyEntities =
        "COPY ferry.verify_entity (verify_id, tenant_id, district_id, entity, target_table, load_run_id, source_rows, target_rows, quarantined, missing, extra, changed, " +
        "source_checksum, source_checksum_rows, target_checksum, target_checksum_rows, status, buckets, buckets_differing, elapsed_ms, finished_at, note, samples) FROM STDIN (FORMAT BINARY)";

    private const string SelectEntities =
        "SELECT tenant_id, district_id, entity, target_table, load_run_id, source_rows, target_rows, quarantined, missing, extra, changed, " +
        "source_checksum, source_checksum_rows, target_checksum, target_checksum_rows, buckets, buckets_differing, elapsed_ms, finished_at, note, samples::text " +
        "FROM ferry.verify_entity WHERE verify_id = $1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Records the verification's header and <paramref name="entities"/> (the results of the entities this target
    /// database holds) in one transaction: a failure leaves nothing of it.
    /// </summary>
    public static async Task SaveAsync(NpgsqlDataSource target, VerificationResult result, IEnumerable<EntityReconciliation> entities, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var header = new NpgsqlCommand(
            "INSERT INTO ferry.verify (verify_id, started_at, finished_at, districts, entities, parity, host) VALUES ($1, $2, $3, $4, $5, $6, $7)", connection, tx))
        {
            header.Parameters.AddWithValue(result.VerifyId);
            header.Parameters.AddWithValue(result.StartedAt.UtcDateTime);
            header.Parameters.AddWithValue(result.FinishedAt.UtcDateTime);
            header.Parameters.AddWithValue(result.Districts.ToArray());
            header.Parameters.AddWithValue(result.EntityScope.ToArray());
            header.Parameters.AddWithValue(result.HasParity);
            header.Parameters.AddWithValue((object?)result.Host ?? DBNull.Value);
            await header.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(CopyEntities, cancellationToken))
        {
            foreach (var e in entities)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(result.VerifyId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(e.Tenant, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(e.District, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.Entity, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.TargetTable, NpgsqlDbType.Text, cancellationToken);
                if (e.LoadRunId is { } run)
                {
                    await importer.WriteAsync(run, NpgsqlDbType.Uuid, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                foreach (var n in new[] { e.SourceRows, e.TargetRows, e.Quarantined, e.Missing, e.Extra, e.Changed })
                {
                    await importer.WriteAsync(n, NpgsqlDbType.Bigint, cancellationToken);
                }

                await importer.WriteAsync(e.SourceChecksum.Hex, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.SourceChecksum.Count, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(e.TargetChecksum.Hex, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.TargetChecksum.Count, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(e.Status, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.Buckets, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(e.BucketsDiffering, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync((long)e.Elapsed.TotalMilliseconds, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(e.FinishedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                if (e.Note is { } note)
                {
                    await importer.WriteAsync(note, NpgsqlDbType.Text, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                await importer.WriteAsync(JsonSerializer.Serialize(e.Samples.Select(Sample.From), Json), NpgsqlDbType.Jsonb, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The stored result of a verification, or null when no target database knows its id.</summary>
    public static async Task<VerificationResult?> LoadAsync(IEnumerable<NpgsqlDataSource> targets, Guid verifyId, CancellationToken cancellationToken)
    {
        VerificationResult? header = null;
        var entities = new List<EntityReconciliation>();
        foreach (var target in targets)
        {
            await using (var cmd = target.CreateCommand("SELECT started_at, finished_at, districts, entities, host FROM ferry.verify WHERE verify_id = $1"))
            {
                cmd.Parameters.AddWithValue(verifyId);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    continue;
                }

                header ??= new VerificationResult
                {
                    VerifyId = verifyId,
                    StartedAt = new DateTimeOffset(reader.GetDateTime(0)),
                    FinishedAt = new DateTimeOffset(reader.GetDateTime(1)),
                    Districts = reader.GetFieldValue<string[]>(2),
                    EntityScope = reader.GetFieldValue<string[]>(3),
                    Host = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Entities = [],
                };
            }

            var changes = await ValueChanges.OfVerificationAsync(target, verifyId, cancellationToken);
            await using (var cmd = target.CreateCommand(SelectEntities))
            {
                cmd.Parameters.AddWithValue(verifyId);
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var district = reader.GetString(1);
                    var entity = reader.GetString(2);
                    entities.Add(new EntityReconciliation
                    {
                        Tenant = reader.GetGuid(0),
                        District = district,
                        Entity = entity,
                        TargetTable = reader.GetString(3),
                        LoadRunId = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                        SourceRows = reader.GetInt64(5),
                        TargetRows = reader.GetInt64(6),
                        Quarantined = reader.GetInt64(7),
                        Missing = reader.GetInt64(8),
                        Extra = reader.GetInt64(9),
                        Changed = reader.GetInt64(10),
                        SourceChecksum = ContentChecksum.Parse(reader.GetInt64(12), reader.GetString(11)),
                        TargetChecksum = ContentChecksum.Parse(reader.GetInt64(14), reader.GetString(13)),
                        Buckets = reader.GetInt32(15),
                        BucketsDiffering = reader.GetInt32(16),
                        Elapsed = TimeSpan.FromMilliseconds(reader.GetInt64(17)),
                        FinishedAt = new DateTimeOffset(reader.GetDateTime(18)),
                        Note = reader.IsDBNull(19) ? null : reader.GetString(19),
                        Samples = (JsonSerializer.Deserialize<List<Sample>>(reader.GetString(20), Json) ?? []).Select(s => s.ToDifference()).ToList(),
                        ValueChanges = changes.GetValueOrDefault((district, entity), []),
                    });
                }
            }
        }

        if (header is null)
        {
            return null;
        }

        var order = header.EntityScope.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => x.i);
        return header with
        {
            Entities = entities
                .OrderBy(e => e.District, StringComparer.Ordinal)
                .ThenBy(e => order.GetValueOrDefault(e.Entity, int.MaxValue))
                .ToList(),
        };
    }

    /// <summary>A sample difference as stored in <c>ferry.verify_entity.samples</c>; results stored before values were kept have none.</summary>
    private sealed record Sample(string Kind, string Key, IReadOnlyList<string> Columns, IReadOnlyList<ValueDifference>? Values)
    {
        public static Sample From(RowDifference d) => new(d.Kind.ToString().ToLowerInvariant(), d.Key, d.Columns, d.Values.Count == 0 ? null : d.Values);

        public RowDifference ToDifference() => new(Enum.Parse<DifferenceKind>(Kind, ignoreCase: true), Key, Columns) { Values = Values ?? [] };
    }
}
