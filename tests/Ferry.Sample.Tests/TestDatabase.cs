using Ferry.Sample.Sql;
using Npgsql;

namespace Ferry.Sample.Tests;

/// <summary>The PostgreSQL server the test script starts, reached through FERRY_TEST_PG.</summary>
internal static class TestDatabase
{
    public const string Variable = "FERRY_TEST_PG";

    /// <summary>The admin connection; fails (never skips) without it, so a misconfigured run cannot pass silently.</summary>
    public static string AdminConnection =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{Variable} is not set. Set it to the admin connection of the test server, e.g. " +
                "Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres;Password=...");

    public static async Task<T> ScalarAsync<T>(string connection, string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An order-independent fingerprint of a whole table: md5 over its rows as text, sorted.</summary>
    public static Task<string> ChecksumAsync(string connection, string table) =>
        ScalarAsync<string>(connection, $"SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {PgIdentifier.Qualified("dbo", table)} AS t");

    public static async Task DropDatabasesAsync(IEnumerable<SampleDistrict> districts)
    {
        await using var conn = new NpgsqlConnection(AdminConnection);
        await conn.OpenAsync();
        foreach (var d in districts)
        {
            NpgsqlConnection.ClearAllPools();
            await using var command = new NpgsqlCommand(SchemaScript.DropDatabase(d.Database), conn);
            await command.ExecuteNonQueryAsync();
        }
    }
}
