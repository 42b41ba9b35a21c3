using System.Diagnostics;
using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Faults;

/// <summary>A <c>dm run</c> process of a fault test, and the ways to disturb it and to check where it ends.</summary>
internal static class FaultRun
{
    /// <summary>Blocks (on a thread of its own, so a starved pool cannot miss it) until <paramref name="done"/> batches are committed.</summary>
    public static void WaitForBatches(TestDatabase target, Process run, int done)
    {
        var watcher = new Thread(() =>
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline && !run.HasExited)
            {
                try
                {
                    using var conn = new NpgsqlConnection(target.ConnectionString + ";Pooling=false");
                    conn.Open();
                    using var count = new NpgsqlCommand("SELECT count(*) FROM ferry.batch WHERE state = 'done'", conn);
                    if (Convert.ToInt64(count.ExecuteScalar()) >= done)
                    {
                        return;
                    }
                }
                catch (PostgresException)
                {
                    // The toolkit's schema is not there yet.
                }

                Thread.Sleep(20);
            }
        });
        watcher.Start();
        watcher.Join();
        Assert.False(run.HasExited, "the run ended before the fault could be injected");
    }

    public static async Task<DmProcess.Result> FinishAsync(Process run)
    {
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await run.WaitForExitAsync(timeout.Token);
        return new DmProcess.Result(run.ExitCode, await stdout, await stderr);
    }

    public static void Signal(Process run, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Terminates the lease heartbeat's connections on <paramref name="database"/>, busy or idle; their process ids.</summary>
    public static async Task<IReadOnlyList<int>> TerminateHeartbeatAsync(TestDatabase database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var conn = new NpgsqlConnection(database.ServerConnectionString + ";Pooling=false");
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                // In the select list, not the WHERE clause: PostgreSQL may evaluate a condition before the others.
                "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()", conn);
            cmd.Parameters.AddWithValue(database.Name);
            cmd.Parameters.AddWithValue(Ferry.Engine.Running.TargetDatabases.HeartbeatApplicationName);
            var pids = new List<int>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    if (reader.GetBoolean(1))
                    {
                        pids.Add(reader.GetInt32(0));
                    }
                }
            }

            if (pids.Count > 0 || DateTime.UtcNow > deadline)
            {
                return pids;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The lease heartbeat's connections on <paramref name="database"/> now.</summary>
    public static async Task<IReadOnlyList<int>> HeartbeatConnectionsAsync(TestDatabase database)
    {
        await using var conn = new NpgsqlConnection(database.ServerConnectionString + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2", conn);
        cmd.Parameters.AddWithValue(database.Name);
        cmd.Parameters.AddWithValue(Ferry.Engine.Running.TargetDatabases.HeartbeatApplicationName);
        var pids = new List<int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    /// <summary>
    /// Holds an exclusive lock on <paramref name="table"/> so the run's next read of it waits in flight, terminates
    /// that reading session, then releases the lock: a read broken mid-statement, every time.
    /// </summary>
    public static Task<long> TerminateBlockedReadAsync(TestDatabase database, string table, Process run) =>
        TerminateBlockedAsync(database, table, "SELECT%FROM%", run);

    /// <summary>
    /// Holds an exclusive lock on <paramref name="table"/> so the run's next statement like <paramref name="query"/>
    /// on it waits in flight, terminates that session, then releases the lock: a statement broken mid-flight, every
    /// time, however fast the run is.
    /// </summary>
    public static async Task<long> TerminateBlockedAsync(TestDatabase database, string table, string query, Process run)
    {
        await using var locker = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        await locker.OpenAsync();
        await using var tx = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", locker, tx))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        long terminated = 0;
        while (terminated == 0 && DateTime.UtcNow < deadline && !run.HasExited)
        {
            await using var conn = new NpgsqlConnection(database.ServerConnectionString + ";Pooling=false");
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active' AND wait_event_type = 'Lock' AND query ILIKE $2", conn);
            cmd.Parameters.AddWithValue(database.Name);
            cmd.Parameters.AddWithValue(query);
            terminated = Convert.ToInt64(await cmd.ExecuteScalarAsync());
            await Task.Delay(20);
        }

        await tx.CommitAsync();
        return terminated;
    }

    /// <summary>Every source row is in the target or the quarantine, once; every foreign key is back, valid, once.</summary>
    public static async Task AssertCompleteAsync(MigrationFixture f, int students)
    {
        foreach (var (entity, rows) in DistrictSchema.Counts(students))
        {
            var table = "dbo." + Ferry.Core.Naming.SnakeCase.Convert(entity[4..]);
            var loaded = await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM {table}");
            var distinct = await MigrationFixture.CountAsync(f.Target, $"SELECT count(DISTINCT id) FROM {table}");
            var quarantined = await MigrationFixture.CountAsync(f.Target, $"SELECT count(*) FROM ferry.quarantine WHERE entity = '{entity}' AND action = 'rejected'");
            Assert.Equal(loaded, distinct);
            Assert.True(rows == loaded + quarantined, $"{entity}: {rows} source rows, {loaded} loaded + {quarantined} quarantined");
        }

        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.batch WHERE state <> 'done'"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.dropped_constraint"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM ferry.dropped_index"));
        Assert.Equal(0, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"));
        Assert.Equal(7, await MigrationFixture.CountAsync(f.Target, "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE contype = 'f' AND n.nspname = 'dbo'"));
        var verification = await Ferry.IntegrationTests.Verification.Verification.RunAsync(f.Config());
        Assert.True(verification.HasParity, string.Join("; ", verification.Entities.Where(e => !e.HasParity).Select(e => $"{e.District} {e.Entity}")));
    }
}
