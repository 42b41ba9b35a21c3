namespace Ferry.Core.Abstractions;

/// <summary>
/// What a legacy database says about itself when a run or verification starts: who it is (so a district is never
/// loaded from another database than the one it was registered with) and how its text must be read.
/// </summary>
/// <param name="Server">The server as the database names it (SQL Server's server name; the stand-in's cluster system identifier).</param>
/// <param name="Database">The database name.</param>
/// <param name="Fingerprint">
/// Identity of this copy of the database: server, name and something a restore or failover changes (SQL Server's
/// create date; the stand-in's cluster identifier and database oid).
/// </param>
/// <param name="TextSelect">
/// When set, text columns are selected through this format (<c>{0}</c> the quoted column) as their raw bytes,
/// because the database does not guarantee valid UTF-8 (a PostgreSQL database in SQL_ASCII); the load checks them.
/// </param>
public sealed record SourceFacts(string Server, string Database, string Fingerprint, string? TextSelect = null);
