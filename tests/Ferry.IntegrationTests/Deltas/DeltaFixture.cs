using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Support;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>A scaffolded target, change capture enabled in each legacy district, and the full load done: where deltas start.</summary>
internal static class DeltaFixture
{
    public static async Task<MigrationFixture> LoadedAsync(string prefix, int districts = 1, int students = 200, string extra = "")
    {
        var f = await MigrationFixture.CreateAsync(prefix, districts: districts, students: students, batchSize: 50, extra: extra);
        try
        {
            await MigrationFixture.ScaffoldAsync(f.Config(), Path.Combine(f.Directory, "scaffold"));
            await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");
            await DmAsync(f, 0, "run", "--config", f.ConfigPath);
            return f;
        }
        catch
        {
            await f.DisposeAsync();
            throw;
        }
    }

    public static async Task<DmProcess.Result> DmAsync(MigrationFixture f, int expected, params string[] args)
    {
        var result = await DmProcess.RunAsync(f.Directory, args);
        Assert.True(result.ExitCode == expected, $"dm {string.Join(' ', args)} exited {result.ExitCode}, expected {expected}\n{result.Stdout}\n{result.Stderr}");
        return result;
    }

    /// <summary>The run id a dm delta printed first (<c>HH:mm:ss delta RUNID</c>).</summary>
    public static string DeltaRunId(string stdout) =>
        System.Text.RegularExpressions.Regex.Match(stdout, @"^\d\d:\d\d:\d\d delta ([0-9a-f-]{36})\s*$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;

    /// <summary>A digest of every row of the target tables (schema dbo), each row in its full text form.</summary>
    public static async Task<SortedDictionary<string, string>> TargetRowsAsync(TestDatabase target)
    {
        var tables = new List<string>();
        await foreach (var t in ListAsync(target, "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables WHERE table_schema = 'dbo' AND table_type = 'BASE TABLE' ORDER BY 1"))
        {
            tables.Add(t);
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            result[table] = await target.ScalarAsync<string>($"SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t") ?? "";
        }

        return result;
    }

    private static async IAsyncEnumerable<string> ListAsync(TestDatabase db, string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return reader.GetString(0);
        }
    }
}
