using System.Net.Sockets;
using Npgsql;

namespace Ferry.Postgres;

/// <summary>
/// The one place that decides which PostgreSQL failures are worth retrying, for the stand-in source and the target
/// alike: a connection that failed or broke, a server shutting down or starting (57P01-57P03), any connection
/// exception class (08xxx), a serialization failure (40001), a deadlock victim (40P01) and a server out of connection
/// slots (53300: many workers opening pools at once clears as their connections go back). Anything else fails again
/// the same way.
/// </summary>
public static class PostgresTransientErrors
{
    private static readonly HashSet<string> States = ["57P01", "57P02", "57P03", "40001", "40P01", "53300"];

    public static bool IsTransient(string sqlState) =>
        States.Contains(sqlState) || sqlState.StartsWith("08", StringComparison.Ordinal);

    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return IsTransient(pg.SqlState);

                // Npgsql marks its own connection failures (refused, reset, timed out) as transient.
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case IOException:
                    return true;
            }
        }

        return false;
    }
}
