using System.Data;
using Npgsql;

namespace Ferry.Postgres.Target;

/// <summary>
/// A read-only, repeatable-read transaction on a target database with the tenant's row-level security setting in
/// force, so a role without BYPASSRLS sees exactly that tenant's rows, and an owner sees the same.
/// </summary>
public sealed class TargetSession : IAsyncDisposable
{
    private TargetSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<TargetSession> OpenAsync(NpgsqlDataSource target, Guid tenant, CancellationToken cancellationToken)
    {
        var connection = await target.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var setup = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"),
                    new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, true)") { Parameters = { new() { Value = tenant.ToString("D") } } },
                },
            };
            await setup.ExecuteNonQueryAsync(cancellationToken);
            return new TargetSession(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction) { CommandTimeout = 0 };

    /// <summary>
    /// The tenant's rows of <paramref name="table"/> (already quoted): its id, then <paramref name="columns"/>, for
    /// the ids in [<paramref name="lower"/>, <paramref name="upper"/>) (either bound optional).
    /// </summary>
    public NpgsqlCommand TenantRows(string table, IEnumerable<string> columns, Guid tenant, Guid? lower, Guid? upper)
    {
        var sql = $"SELECT \"id\", {string.Join(", ", columns.Select(PgIdentifier.Quote))} FROM {table} WHERE \"tenant_id\" = $1";
        var command = Command(sql);
        command.Parameters.AddWithValue(tenant);
        if (lower is { } from)
        {
            command.CommandText += $" AND \"id\" >= ${command.Parameters.Count + 1}";
            command.Parameters.AddWithValue(from);
        }

        if (upper is { } to)
        {
            command.CommandText += $" AND \"id\" < ${command.Parameters.Count + 1}";
            command.Parameters.AddWithValue(to);
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
