using System.Data.Common;
using Ferry.Core.Model;

namespace Ferry.Core.Abstractions;

/// <summary>
/// One legacy database dialect (SQL Server, or PostgreSQL standing in for it). Opening failures surface as
/// <see cref="SourceUnavailableException"/> with the password already removed from the message.
/// </summary>
public interface ISourceAdapter
{
    /// <summary>The provider name used in configuration: <c>postgres</c> or <c>sqlserver</c>.</summary>
    string Provider { get; }

    ISourceDialect Dialect { get; }

    Task<DbConnection> OpenAsync(string connectionString, CancellationToken cancellationToken);

    /// <summary>Tables, columns, primary and unique keys and declared foreign keys of every user table.</summary>
    Task<SourceSchema> IntrospectAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// The dialect for one database whose schema is known: it can spell what differs per table (a memory-optimized
    /// table's isolation hint, a key column read through its text form).
    /// </summary>
    ISourceDialect DialectFor(SourceSchema schema) => Dialect;

    /// <summary>
    /// Starts the transaction a batch reads in, at an isolation level that gives a consistent view of the rows it
    /// reads (snapshot on SQL Server, repeatable read on PostgreSQL).
    /// </summary>
    Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="BeginReadAsync(DbConnection, CancellationToken)"/>, for reads of <paramref name="tables"/>: at an
    /// isolation level every one of them supports (SQL Server memory-optimized tables cannot be read in a SNAPSHOT
    /// transaction).
    /// </summary>
    Task<DbTransaction> BeginReadAsync(DbConnection connection, IReadOnlyCollection<SourceTable> tables, CancellationToken cancellationToken) =>
        BeginReadAsync(connection, cancellationToken);

    /// <summary>How consistent reads of this database are, from its settings.</summary>
    Task<ReadConsistency> ReadConsistencyAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>What the login lacks to read <paramref name="tables"/> (SELECT, and on SQL Server VIEW DEFINITION).</summary>
    Task<SourceAccess> CheckAccessAsync(DbConnection connection, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken);

    /// <summary>
    /// The tables among <paramref name="tables"/> that the source's change tracking does not follow although the
    /// database has it on (a later delta would miss their changes); empty when it is off or follows everything.
    /// </summary>
    Task<IReadOnlyList<TableName>> UntrackedTablesAsync(DbConnection connection, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken);

    /// <summary>
    /// Null when a delta could still start at <paramref name="position"/> (the change position recorded when the
    /// table's load was planned); otherwise one line saying why not (on SQL Server: the table's
    /// CHANGE_TRACKING_MIN_VALID_VERSION has passed it, because retention is shorter than the load or the table was
    /// truncated).
    /// </summary>
    Task<string?> ChangePositionProblemAsync(DbConnection connection, TableName table, string position, CancellationToken cancellationToken);

    /// <summary>
    /// The source's change position now (SQL Server Change Tracking version; the stand-in's change-log position),
    /// or null when the source has no change tracking. Recorded when a district's full load starts.
    /// </summary>
    Task<string?> ReadChangePositionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The database's identity and reading traits (see <see cref="SourceFacts"/>), read once per run.</summary>
    Task<SourceFacts> ReadFactsAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Creates a parameter for the value in this provider's own terms, its type inferred from the value.</summary>
    DbParameter CreateParameter(string name, object? value);

    /// <summary>
    /// Creates the parameter for a key bound compared with <paramref name="column"/>: typed exactly like the column
    /// (type, length, precision, scale), so the source compares in the column's own type and collation and can seek
    /// its index. A column type that cannot be a bound throws <see cref="NotSupportedException"/>.
    /// </summary>
    DbParameter CreateParameter(string name, object? value, SourceColumn column);

    /// <summary>
    /// Whether a failure of this source is worth retrying (the server or network may be back a moment later), as
    /// opposed to one that would fail again the same way. The provider's single classification of its errors.
    /// </summary>
    bool IsTransient(Exception exception);
}
