using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Rollback;

/// <summary>Fingerprints of a target database's contents, to prove what a rollback changed and what it left alone.</summary>
internal static class TargetState
{
    public const string Tenant1 = "6a1f7c1e-0000-4000-8000-000000000001";
    public const string Tenant2 = "6a1f7c1e-0000-4000-8000-000000000002";
    public const string Tenant3 = "6a1f7c1e-0000-4000-8000-000000000003";

    /// <summary>
    /// Per table that carries tenant_id (target tables and the toolkit's), a digest of every row of the tenants other than
    /// <paramref name="tenant"/>, each row in its full text form: equal digests mean byte-identical rows.
    /// </summary>
    public static async Task<SortedDictionary<string, string>> OtherTenantsAsync(TestDatabase db, string tenant)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(db, "c.column_name = 'tenant_id'"))
        {
            result[table] = await DigestAsync(db, $"SELECT t::text FROM {table} t WHERE t.tenant_id <> '{tenant}'");
        }

        return result;
    }

    /// <summary>Per table of the target and the toolkit (with or without a tenant), a digest of every row.</summary>
    public static async Task<SortedDictionary<string, string>> EverythingAsync(TestDatabase db)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(db, "true"))
        {
            result[table] = await DigestAsync(db, $"SELECT t::text FROM {table} t");
        }

        return result;
    }

    /// <summary>The tenant's (table, id) pairs in every target table.</summary>
    public static async Task<SortedSet<string>> IdsAsync(TestDatabase db, string tenant)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(db, "c.column_name = 'tenant_id' AND c.table_schema = 'dbo'"))
        {
            foreach (var id in await ListAsync(db, $"SELECT id::text FROM {table} WHERE tenant_id = '{tenant}'"))
            {
                ids.Add($"{table}/{id}");
            }
        }

        return ids;
    }

    /// <summary>The tenant's rows in every target table together.</summary>
    public static async Task<long> RowsAsync(TestDatabase db, string tenant)
    {
        long rows = 0;
        foreach (var table in await TablesAsync(db, "c.column_name = 'tenant_id' AND c.table_schema = 'dbo'"))
        {
            rows += await db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = '{tenant}'");
        }

        return rows;
    }

    /// <summary>The tenant's rows of the run's bookkeeping: loads, batches, quarantine, value changes, orphan keys, before-images.</summary>
    public static async Task<long> BookkeepingAsync(TestDatabase db, string tenant)
    {
        long rows = 0;
        foreach (var table in new[] { "ferry.load", "ferry.batch", "ferry.quarantine", "ferry.value_change", "ferry.orphan_key", "ferry.before_image" })
        {
            rows += await db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = '{tenant}'");
        }

        return rows;
    }

    private static async Task<List<string>> TablesAsync(TestDatabase db, string condition) =>
        await ListAsync(db,
            "SELECT DISTINCT format('%I.%I', c.table_schema, c.table_name) FROM information_schema.columns c " +
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' " +
            $"WHERE c.table_schema IN ('dbo', 'ferry') AND {condition} ORDER BY 1");

    private static async Task<string> DigestAsync(TestDatabase db, string rows) =>
        await db.ScalarAsync<string>($"SELECT count(*) || ':' || md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) FROM ({rows}) x(r)") ?? "";

    private static async Task<List<string>> ListAsync(TestDatabase db, string sql)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
