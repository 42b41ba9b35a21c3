namespace Ferry.Core.Configuration;

/// <summary>
/// How a district's source may be read (<c>source.isolation</c>). <see cref="Snapshot"/>, the default, requires
/// consistent reads: on SQL Server ALLOW_SNAPSHOT_ISOLATION or READ_COMMITTED_SNAPSHOT must be on, or nothing runs.
/// <see cref="Locking"/> accepts locking READ COMMITTED reads for a database with neither, knowing that rows whose
/// keys change during the load can be missed or read twice: verification after the load is then required.
/// </summary>
public enum SourceIsolation
{
    Snapshot,
    Locking,
}
