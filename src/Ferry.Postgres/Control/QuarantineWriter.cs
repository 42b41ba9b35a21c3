using Ferry.Core.Planning;
using Ferry.Core.Quarantine;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Postgres.Control;

/// <summary>Writes quarantine entries inside the batch's own transaction, so they commit or vanish with it.</summary>
public static class QuarantineWriter
{
    private const string Copy =
        "COPY ferry.quarantine (run_id, tenant_id, district_id, entity, batch_no, legacy_key, id, action, reason_code, column_name, reason, row) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteAsync(NpgsqlConnection connection, BatchDescriptor batch, long count, IEnumerable<QuarantineEntry> entries, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var e in entries)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(batch.RunId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(batch.Tenant, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(batch.District, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(batch.Entity, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(batch.BatchNo, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullable(importer, e.LegacyKey, NpgsqlDbType.Text, cancellationToken);
            if (e.Id is { } id)
            {
                await importer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await importer.WriteAsync(e.Action, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(e.ReasonCode, NpgsqlDbType.Text, cancellationToken);
            await WriteNullable(importer, e.Column, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(e.Reason.Replace("\0", "\\u0000", StringComparison.Ordinal), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(e.RowJson, NpgsqlDbType.Jsonb, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value.Replace("\0", "\\u0000", StringComparison.Ordinal), type, cancellationToken);
        }
    }
}
