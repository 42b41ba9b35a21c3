using Npgsql;

namespace Ferry.Bench;

/// <summary>Databases the benchmark creates on the server, and the few statements it runs on them.</summary>
internal sealed class BenchDatabase(string server)
{
    public string ConnectionFor(string database) => new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;

    public async Task RecreateAsync(string database, CancellationToken cancellationToken)
    {
        await ExecAsync(server, $"DROP DATABASE IF EXISTS {Postgres.PgIdentifier.Quote(database)} WITH (FORCE)", cancellationToken);
        await ExecAsync(server, $"CREATE DATABASE {Postgres.PgIdentifier.Quote(database)}", cancellationToken);
    }

    /// <summary>Recreates <paramref name="database"/> as a copy of <paramref name="template"/> (which nobody may be connected to).</summary>
    public async Task CopyAsync(string template, string database, CancellationToken cancellationToken)
    {
        await ExecAsync(server, $"DROP DATABASE IF EXISTS {Postgres.PgIdentifier.Quote(database)} WITH (FORCE)", cancellationToken);
        NpgsqlConnection.ClearAllPools();
        await ExecAsync(server, $"CREATE DATABASE {Postgres.PgIdentifier.Quote(database)} TEMPLATE {Postgres.PgIdentifier.Quote(template)}", cancellationToken);
    }

    public async Task DropAsync(string database, CancellationToken cancellationToken) =>
        await ExecAsync(server, $"DROP DATABASE IF EXISTS {Postgres.PgIdentifier.Quote(database)} WITH (FORCE)", cancellationToken);

    public static async Task ExecAsync(string connection, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(string connection, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<string> TextAsync(string connection, string sql, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return Convert.ToString(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
