using System.Data;
using Npgsql;

namespace Ferry.Engine.Verification;

/// <summary>
/// A read-only, repeatable-read transaction on a target database with the tenant's row-level security setting in
/// force, so a role without BYPASSRLS sees exactly that tenant's rows, and an owner sees the same.
/// </summary>
internal sealed class TargetSession : IAsyncDisposable
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

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
