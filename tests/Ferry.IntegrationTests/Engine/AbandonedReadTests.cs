using System.Diagnostics;
using Ferry.Engine.Pipeline;
using Ferry.IntegrationTests.Support;
using Npgsql;

namespace Ferry.IntegrationTests.Engine;

/// <summary>A source read given up part-way is cancelled on the server instead of drained to its last row.</summary>
public sealed class AbandonedReadTests : IAsyncLifetime
{
    // The server computes row 100,000 slowly, long after the first rows reached the client: a reader disposed after
    // the first row would have to wait for it before the connection is usable again.
    private const string SlowTail = "SELECT g, CASE WHEN g = 100000 THEN pg_sleep(20) END FROM generate_series(1, 100001) AS g";

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync("abandoned_");

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Reader_abandoned_after_its_first_row_returns_at_once()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(SlowTail, connection);
        var clock = Stopwatch.StartNew();

        await using (var reader = await command.ExecuteReaderAsync())
        using (new CancelIfAbandoned(command))
        {
            Assert.True(await reader.ReadAsync());
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        await using var next = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await next.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Reader_read_to_the_end_is_not_cancelled()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT g FROM generate_series(1, 1000) AS g", connection);
        long sum = 0;

        await using (var reader = await command.ExecuteReaderAsync())
        using (var abandoned = new CancelIfAbandoned(command))
        {
            while (await reader.ReadAsync())
            {
                sum += reader.GetInt32(0);
            }

            abandoned.Complete();
        }

        Assert.Equal(500500, sum);
    }
}
