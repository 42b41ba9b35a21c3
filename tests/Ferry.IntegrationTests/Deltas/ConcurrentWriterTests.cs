using Ferry.IntegrationTests.Cli;
using Ferry.IntegrationTests.Engine;
using static Ferry.IntegrationTests.Deltas.DeltaFixture;

namespace Ferry.IntegrationTests.Deltas;

/// <summary>No change falls between the full load and the first delta, whatever the legacy system does while the load runs.</summary>
public sealed class ConcurrentWriterTests
{
    [Fact]
    public async Task Full_load_under_a_concurrent_writer_then_delta_gives_parity()
    {
        await using var f = await MigrationFixture.CreateAsync("dwriter", districts: 1, students: 3000, batchSize: 200);
        await MigrationFixture.ScaffoldAsync(f.Config(), Path.Combine(f.Directory, "scaffold"));
        await DmAsync(f, 0, "delta", "enable", "--config", f.ConfigPath, "--apply");
        using var writes = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !writes.IsCancellationRequested; i++)
            {
                var id = 1 + (i * 37 % 2900);
                await f.Districts[0].ExecuteAsync(
                    $"""
                    INSERT INTO dbo."Student" ("StudentId", "LastSurname", "Active", "Id") VALUES ({10000 + i}, 'Written during the load', true, md5('w{i}')::uuid);
                    UPDATE dbo."Student" SET "LastSurname" = 'Updated {i}' WHERE "StudentId" = {id};
                    DELETE FROM dbo."Attendance" WHERE "AttendanceId" = {id};
                    """);
                written++;
            }
        });
        DmProcess.Result run;
        try
        {
            run = await DmProcess.RunAsync(f.Directory, "run", "--config", f.ConfigPath);
        }
        finally
        {
            await writes.CancelAsync();
            await writer;
        }

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.True(written > 0);

        await DmAsync(f, 0, "delta", "--config", f.ConfigPath);

        await DmAsync(f, 0, "verify", "--config", f.ConfigPath);
    }
}
