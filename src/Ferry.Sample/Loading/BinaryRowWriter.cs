using Ferry.Sample.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Ferry.Sample.Loading;

/// <summary>
/// Writes one generated row to a binary COPY with the column's exact PostgreSQL type, so Npgsql never has to infer a
/// type from a boxed value (and <c>money</c>, <c>xml</c>, <c>char(n)</c> are sent as what they are).
/// </summary>
internal static class BinaryRowWriter
{
    public static async Task WriteAsync(NpgsqlBinaryImporter importer, IReadOnlyList<ColumnDef> columns, object?[] values, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        for (var i = 0; i < columns.Count; i++)
        {
            var value = values[i];
            if (value is null)
            {
                await importer.WriteNullAsync(cancellationToken);
                continue;
            }

            var task = columns[i].Type switch
            {
                ColumnType.Int => importer.WriteAsync((int)value, NpgsqlDbType.Integer, cancellationToken),
                ColumnType.BigInt => importer.WriteAsync((long)value, NpgsqlDbType.Bigint, cancellationToken),
                ColumnType.SmallInt => importer.WriteAsync((short)value, NpgsqlDbType.Smallint, cancellationToken),
                ColumnType.Real => importer.WriteAsync((float)value, NpgsqlDbType.Real, cancellationToken),
                ColumnType.Double => importer.WriteAsync((double)value, NpgsqlDbType.Double, cancellationToken),
                ColumnType.Numeric => importer.WriteAsync((decimal)value, NpgsqlDbType.Numeric, cancellationToken),
                ColumnType.Money => importer.WriteAsync((decimal)value, NpgsqlDbType.Money, cancellationToken),
                ColumnType.Boolean => importer.WriteAsync((bool)value, NpgsqlDbType.Boolean, cancellationToken),
                ColumnType.Uuid => importer.WriteAsync((Guid)value, NpgsqlDbType.Uuid, cancellationToken),
                ColumnType.Bytea => importer.WriteAsync((byte[])value, NpgsqlDbType.Bytea, cancellationToken),
                ColumnType.Date => importer.WriteAsync((DateOnly)value, NpgsqlDbType.Date, cancellationToken),
                ColumnType.Time => importer.WriteAsync((TimeOnly)value, NpgsqlDbType.Time, cancellationToken),
                ColumnType.Timestamp => importer.WriteAsync((DateTime)value, NpgsqlDbType.Timestamp, cancellationToken),
                ColumnType.TimestampTz => importer.WriteAsync((DateTime)value, NpgsqlDbType.TimestampTz, cancellationToken),
                ColumnType.Char => importer.WriteAsync((string)value, NpgsqlDbType.Char, cancellationToken),
                ColumnType.Varchar => importer.WriteAsync((string)value, NpgsqlDbType.Varchar, cancellationToken),
                ColumnType.Text => importer.WriteAsync((string)value, NpgsqlDbType.Text, cancellationToken),
                ColumnType.Xml => importer.WriteAsync((string)value, NpgsqlDbType.Xml, cancellationToken),
                _ => throw new InvalidOperationException($"column {columns[i].Name}: unknown type {columns[i].Type}"),
            };
            await task;
        }
    }
}
