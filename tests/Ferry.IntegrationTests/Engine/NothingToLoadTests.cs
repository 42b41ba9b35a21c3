using Ferry.Engine.Running;

namespace Ferry.IntegrationTests.Engine;

public sealed class NothingToLoadTests
{
    [Fact]
    public async Task A_run_with_nothing_left_to_load_leaves_foreign_keys_in_place()
    {
        await using var f = await MigrationFixture.CreateAsync("nothingleft", districts: 1, students: 60, batchSize: 50);
        var config = f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(f.Directory, "scaffold"));
        Assert.Equal(RunExit.Completed, (await MigrationFixture.RunAsync(config)).Exit);
        const string keys = "SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'dbo'::regnamespace";
        var before = await f.Target.ScalarAsync<string>(keys);

        var again = await MigrationFixture.RunAsync(config);

        Assert.Equal(RunExit.Completed, again.Exit);
        Assert.Equal(0, again.RowsLoaded);
        Assert.False(string.IsNullOrEmpty(before));
        Assert.Equal(before, await f.Target.ScalarAsync<string>(keys));
    }
}
