using System.Net.Sockets;
using Npgsql;

namespace Ferry.Engine.Work;

/// <summary>
/// Which failures are worth trying again, in one place: a lost or refused connection, a server shutting down or
/// restarting, an administrator terminating the session, serialization failures and deadlocks, too many connections
/// (PostgreSQL, target or source), and the source adapter's own list (SQL Server's transient error numbers). Anything
/// else (a constraint, a bad value, a permission) fails the same way every time and is not retried.
/// </summary>
public static class TransientFaults
{
    private static readonly HashSet<string> States =
    [
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.TooManyConnections,
        PostgresErrorCodes.ConnectionException, PostgresErrorCodes.ConnectionDoesNotExist, PostgresErrorCodes.ConnectionFailure,
        PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection, PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection,
        PostgresErrorCodes.TransactionResolutionUnknown, PostgresErrorCodes.IdleSessionTimeout,
    ];

    /// <param name="source">The source adapter's own classification, when the failure may come from the source.</param>
    public static bool IsTransient(Exception exception, Func<Exception, bool>? source = null)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException:
                    return false;
                case PostgresException pg:
                    return States.Contains(pg.SqlState) || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case EndOfStreamException:
                case TimeoutException:
                    return true;
            }

            if (source?.Invoke(e) == true)
            {
                return true;
            }
        }

        return false;
    }
}
