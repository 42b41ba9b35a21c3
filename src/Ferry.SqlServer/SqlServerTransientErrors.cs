using Microsoft.Data.SqlClient;

namespace Ferry.SqlServer;

/// <summary>
/// The one place that decides which SQL Server failures are worth retrying: the server or the network may be back a
/// moment later, and the same work then succeeds. Anything else (a permission, a syntax error, a constraint) fails
/// again the same way, so retrying it only delays the error.
/// </summary>
public static class SqlServerTransientErrors
{
    /// <summary>
    /// Error numbers that mean "try again": Azure SQL reconfiguring or failing over (40613, 40197, 4060, 49918),
    /// throttled (40501, 10928, 10929), chosen as a deadlock victim (1205), a snapshot transaction that collided
    /// with a concurrent update (3961), a client timeout (-2) and the connection dropped (233, 10054).
    /// </summary>
    public static IReadOnlySet<int> Numbers { get; } = new HashSet<int> { 40613, 40501, 40197, 4060, 49918, 10928, 10929, 1205, 3961, -2, 233, 10054 };

    public static bool IsTransient(int number) => Numbers.Contains(number);

    /// <summary>
    /// True when the exception, or one it wraps, is a <see cref="SqlException"/> any of whose errors is transient
    /// (SqlClient reports several errors in one exception; the first is not always the telling one).
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqlException sql && (IsTransient(sql.Number) || sql.Errors.Cast<SqlError>().Any(error => IsTransient(error.Number))))
            {
                return true;
            }
        }

        return false;
    }
}
