using System.Diagnostics;

namespace Ferry.IntegrationTests.Faults;

/// <summary>
/// The PostgreSQL cluster of the fault tests: a second throwaway cluster the test command starts
/// (<c>FERRY_FAULT_PG</c>), so restarting it mid-run disturbs no other test. Restarts go through the project's own
/// script, as an operator's would.
/// </summary>
internal static class FaultCluster
{
    public static string Server =>
        Environment.GetEnvironmentVariable("FERRY_FAULT_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("FERRY_FAULT_PG is not set: the fault tests need the second cluster scripts/test.sh starts");

    /// <summary><c>pg_ctl restart -m fast|immediate</c> of the fault cluster.</summary>
    public static async Task RestartAsync(string mode)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Root(), "scripts", "pg.sh"), "restart", mode])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["FERRY_PG_PORT"] = Environment.GetEnvironmentVariable("FERRY_FAULT_PG_PORT");
        start.Environment["FERRY_PG_DATA"] = Environment.GetEnvironmentVariable("FERRY_FAULT_PG_DATA");
        start.Environment["FERRY_PG_SOCKET"] = Path.Combine(Path.GetDirectoryName(Environment.GetEnvironmentVariable("FERRY_FAULT_PG_DATA")!)!, "run", "socket");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"restart failed: {await error}");

        // This process's own pooled connections died with the server, as the run's did.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "pg.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("scripts/pg.sh not found above the test binaries");
    }
}
