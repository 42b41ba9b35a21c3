using Ferry.Sample.Schema;
using Xunit;

namespace Ferry.Sample.Tests;

public sealed class FullProfileGenerationTests : IAsyncLifetime
{
    private SampleResult? _result;

    public async Task InitializeAsync()
    {
        _result = await SampleGenerator.GenerateAsync(
            new SampleOptions { AdminConnection = TestDatabase.AdminConnection, Profile = SampleProfile.Full, Districts = 1, Students = 200, DatabasePrefix = "sampletest_full_" },
            null,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_result is not null)
        {
            await TestDatabase.DropDatabasesAsync(_result.Districts);
        }
    }

    [Fact]
    public async Task Full_profile_creates_383_tables_with_every_declared_foreign_key()
    {
        var connection = _result!.Districts[0].Connection;

        var tables = await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'dbo'");
        var foreignKeys = await TestDatabase.ScalarAsync<long>(connection, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'dbo'::regnamespace");

        Assert.Equal(383, _result.EntityCount);
        Assert.Equal(383L, tables);
        Assert.Equal(SampleCatalog.Full.Tables.Sum(t => t.ForeignKeys.Count(f => f.Declared)), foreignKeys);
        Assert.Equal(SampleCatalog.Full.Relationships.Count, _result.Relationships.Count);
    }
}
