using System.Data;
using System.Data.Common;
using Ferry.Core.Abstractions;
using Ferry.Core.Model;
using Npgsql;

namespace Ferry.Postgres.Source;

/// <summary>A PostgreSQL database standing in for a legacy SQL Server source, through Npgsql.</summary>
public sealed class PostgresSourceAdapter : ISourceAdapter
{
    public string Provider => "postgres";

    public ISourceDialect Dialect { get; } = new PostgresSourceDialect();

    /// <summary>
    /// Opens a connection. A bad connection string, a refused connection, a wrong password (28P01) or a missing
    /// database (3D000) throws <see cref="SourceUnavailableException"/> naming host, port and database and the
    /// reason, never the password. Cancellation is not wrapped.
    /// </summary>
    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A pooled connection opens without any await that would notice the token, so check it up front.
        cancellationToken.ThrowIfCancellationRequested();
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException
                                   && !cancellationToken.IsCancellationRequested)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw OpenFailure.Create("PostgreSQL source", connectionString, Reason(ex), ex);
        }
    }

    public Task<SourceSchema> IntrospectAsync(DbConnection connection, CancellationToken cancellationToken) =>
        PostgresSourceIntrospection.ReadAsync(connection, cancellationToken);

    /// <summary>
    /// Starts a REPEATABLE READ, READ ONLY transaction. In PostgreSQL repeatable read is a true snapshot: every read
    /// of the batch sees the database as of its first statement, without blocking writers; a read-only transaction
    /// at this level never fails with a serialization error, and READ ONLY guards the legacy data against a stray
    /// write. The transaction only reads; dispose it or roll it back when done. If marking it read-only fails the
    /// transaction is rolled back and the error propagates.
    /// </summary>
    public async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = PostgresSourceStatements.ReadOnly;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The change log's position (a sequence number) once <c>dm delta enable</c> installed it; before, the write-ahead
    /// log position (e.g. <c>0/1A2B3C8</c>), which no delta can start from. PostgreSQL always has one, so never null.
    /// </summary>
    public async Task<string?> ReadChangePositionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (await StandInChangeCapture.InstalledAsync(connection, cancellationToken))
        {
            return await new StandInChangeCapture().PositionAsync(connection, cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = PostgresSourceStatements.ChangePosition;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : (string)value;
    }

    /// <summary>
    /// Identity and traits. A database in SQL_ASCII stores whatever bytes its application wrote, and the server
    /// refuses to send invalid UTF-8 to this client at all (failing the whole read), so such a database's text is
    /// read as bytes and checked row by row.
    /// </summary>
    public async Task<SourceFacts> ReadFactsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PostgresSourceStatements.Facts;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("the connection's database is not in pg_database");
        }

        var system = reader.GetString(0);
        var oid = reader.GetInt64(1);
        var name = reader.GetString(2);
        var encoding = reader.GetString(3);
        return new SourceFacts(
            system,
            name,
            $"postgres:{system}/{oid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{name}",
            encoding == "SQL_ASCII" ? "convert_to(CAST({0} AS text), 'SQL_ASCII')" : null);
    }

    /// <summary>PostgreSQL reads in a REPEATABLE READ snapshot whatever the settings (see <see cref="BeginReadAsync"/>).</summary>
    public Task<ReadConsistency> ReadConsistencyAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(ReadConsistency.Snapshot);

    /// <summary>
    /// Tables among <paramref name="tables"/> the role cannot SELECT (or whose schema it may not use), and the columns
    /// it may not SELECT of a table granted column by column. The stand-in's equivalent of the SQL Server checks.
    /// </summary>
    public async Task<SourceAccess> CheckAccessAsync(DbConnection connection, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
    {
        var wanted = tables.ToHashSet();
        var problems = new List<AccessProblem>();
        await CatalogQuery.EachRowAsync(connection, PostgresSourceStatements.TablePrivileges, r =>
        {
            var table = new TableName(r.GetString(0), r.GetString(1));
            if (!wanted.Contains(table))
            {
                return;
            }

            var denied = r.GetFieldValue<string[]>(4);
            if (!r.GetBoolean(2))
            {
                problems.Add(new AccessProblem(table, null, $"USAGE on schema {table.Schema}"));
            }
            else if (denied.Length > 0 && denied.Length < r.GetInt32(5))
            {
                // Granted column by column, some columns left out: name those.
                problems.AddRange(denied.Select(c => new AccessProblem(table, c, "SELECT")));
            }
            else if (denied.Length > 0 || (!r.GetBoolean(3) && r.GetInt32(5) == 0))
            {
                problems.Add(new AccessProblem(table, null, "SELECT"));
            }
        }, cancellationToken);
        return new SourceAccess(problems);
    }

    /// <summary>The stand-in's change position is the write-ahead log, which follows every table.</summary>
    public Task<IReadOnlyList<TableName>> UntrackedTablesAsync(DbConnection connection, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TableName>>([]);

    /// <summary>A write-ahead log position stays a valid start for as long as the log is kept: nothing to check here.</summary>
    public Task<string?> ChangePositionProblemAsync(DbConnection connection, TableName table, string position, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>An <see cref="NpgsqlParameter"/> whose PostgreSQL type Npgsql infers from the value's CLR type.</summary>
    public DbParameter CreateParameter(string name, object? value) => new NpgsqlParameter(name, value ?? DBNull.Value);

    /// <summary>A key bound with its column's type (see <see cref="PostgresKeyParameter"/>).</summary>
    public DbParameter CreateParameter(string name, object? value, SourceColumn column) => PostgresKeyParameter.Create(name, value, column);

    public bool IsTransient(Exception exception) => PostgresTransientErrors.IsTransient(exception);

    // The server's own words and SQLSTATE for a refusal; otherwise the exception chain, e.g.
    // "Failed to connect to 127.0.0.1:1: Connection refused".
    private static string Reason(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var message = e is PostgresException pg ? $"{pg.MessageText} (SQLSTATE {pg.SqlState})" : e.Message;
            if (!messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }
}
