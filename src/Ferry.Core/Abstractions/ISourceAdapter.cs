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
    /// Starts the transaction a batch reads in, at an isolation level that gives a consistent view of the rows it
    /// reads (snapshot on SQL Server, repeatable read on PostgreSQL).
    /// </summary>
    Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// The source's change position now (SQL Server Change Tracking version; the stand-in's change-log position),
    /// or null when the source has no change tracking. Recorded when a district's full load starts.
    /// </summary>
    Task<string?> ReadChangePositionAsync(DbConnection connection, CancellationToken cancellationToken);

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
