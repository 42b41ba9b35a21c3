using System.Data;
using System.Data.Common;
using System.Globalization;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;
using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>The legacy SQL Server source, through Microsoft.Data.SqlClient.</summary>
public sealed partial class SqlServerAdapter : ISourceAdapter
{
    public string Provider => "sqlserver";

    /// <summary>How long a read waits for a lock before it fails (error 1222); see <see cref="SqlServerStatements.LockTimeout"/>.</summary>
    public const int LockTimeoutMilliseconds = 60_000;

    public ISourceDialect Dialect { get; } = new SqlServerDialect();

    /// <summary>
    /// Opens a connection (see <see cref="SqlServerConnections"/> for reconnection and Entra authentication). A bad
    /// connection string, an unreachable server, a refused login or an unsupported authentication method throws
    /// <see cref="SourceUnavailableException"/> naming the server and database and the reason, never the password.
    /// Cancellation is not wrapped.
    /// </summary>
    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A pooled connection opens without any await that would notice the token, so check it up front.
        cancellationToken.ThrowIfCancellationRequested();
        SqlConnection? connection = null;
        try
        {
            connection = SqlServerConnections.Create(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or InvalidOperationException or TimeoutException
                                   && !cancellationToken.IsCancellationRequested)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            var reason = ex is SqlException { Number: not 0 } sql ? $"{sql.Message} (error {sql.Number})" : ex.Message;
            throw OpenFailure.Create("SQL Server source", connectionString, reason, ex);
        }
    }

    public Task<SourceSchema> IntrospectAsync(DbConnection connection, CancellationToken cancellationToken) =>
        SqlServerIntrospection.ReadAsync(connection, cancellationToken);

    /// <summary>A dialect that knows the database's memory-optimized tables and hierarchyid key columns.</summary>
    public ISourceDialect DialectFor(SourceSchema schema) => new SqlServerDialect(schema);

    public Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginReadAsync(connection, [], cancellationToken);

    /// <summary>
    /// Starts a read transaction. SNAPSHOT when the database allows it (ALLOW_SNAPSHOT_ISOLATION ON): every read of
    /// the batch sees the database as of the batch's first read, takes no shared locks and so never blocks the
    /// legacy application. Otherwise READ COMMITTED, which is statement-consistent when READ_COMMITTED_SNAPSHOT is ON
    /// (each SELECT sees one committed version) and plain locking read committed when it is off (which runs only when
    /// the configuration accepted it, see <see cref="ReadConsistencyAsync"/>); a batch is one keyset SELECT, so that
    /// is enough for it, though two batches may see different moments. Snapshot is not forced on: enabling it is a
    /// database setting the legacy owner decides, and asking for SNAPSHOT without it fails every read (error 3952).
    /// Reads of a memory-optimized table use READ COMMITTED whatever the settings (see <see cref="SqlServerIsolation"/>).
    /// Reads have no command timeout (a batch may stream for long), so the session's LOCK_TIMEOUT is set instead: a
    /// read blocked by another session's lock fails after <see cref="LockTimeoutMilliseconds"/> with error 1222
    /// rather than waiting forever. The transaction only reads; dispose it or roll it back when done. If setting the
    /// lock timeout fails the transaction is rolled back and the error propagates.
    /// </summary>
    public async Task<DbTransaction> BeginReadAsync(DbConnection connection, IReadOnlyCollection<SourceTable> tables, CancellationToken cancellationToken)
    {
        var (snapshot, _) = await IsolationSettingsAsync(connection, cancellationToken);
        var level = SqlServerIsolation.Level(snapshot, tables.Any(t => t.MemoryOptimized));
        var transaction = await connection.BeginTransactionAsync(level, cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqlServerStatements.LockTimeout;
            command.CommandTimeout = CatalogQuery.TimeoutSeconds;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Change Tracking version as a decimal string, or null when change tracking is off.</summary>
    public async Task<string?> ReadChangePositionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var version = await CatalogQuery.ScalarAsync(connection, SqlServerStatements.ChangeTrackingVersion, cancellationToken);
        return version is null ? null : Convert.ToInt64(version, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Identity (server, database, create date). SQL Server text is always Unicode on the wire: no traits.</summary>
    public async Task<SourceFacts> ReadFactsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SqlServerStatements.Facts;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("the connection's database is not in sys.databases");
        }

        var server = reader.IsDBNull(0) ? "" : reader.GetString(0);
        var database = reader.GetString(1);
        var created = reader.IsDBNull(2) ? "" : reader.GetString(2);
        return new SourceFacts(server, database, $"sqlserver:{server}/{database}/{created}");
    }

    /// <summary>
    /// A <see cref="SqlParameter"/> whose type SqlClient infers from the value, with two corrections: a DateTime
    /// travels as datetime2, because the inferred datetime rounds to 1/300 s and would move a datetime2 key bound;
    /// and strings get a fixed size, so one statement keeps one cached plan instead of one per string length.
    /// </summary>
    public DbParameter CreateParameter(string name, object? value)
    {
        var parameter = new SqlParameter(name, value ?? DBNull.Value);
        switch (value)
        {
            case DateTime:
                parameter.SqlDbType = SqlDbType.DateTime2;
                break;
            case string text:
                parameter.Size = text.Length <= 4000 ? 4000 : -1;
                break;
        }

        return parameter;
    }

    /// <summary>A key bound with its column's type, length, precision and scale (see <see cref="SqlServerKeyParameter"/>).</summary>
    public DbParameter CreateParameter(string name, object? value, SourceColumn column) => SqlServerKeyParameter.Create(name, value, column);

    public bool IsTransient(Exception exception) => SqlServerTransientErrors.IsTransient(exception);
}
