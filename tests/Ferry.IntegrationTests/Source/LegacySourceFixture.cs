using Ferry.IntegrationTests.Support;
using Ferry.Postgres.Source;

namespace Ferry.IntegrationTests.Source;

/// <summary>One <see cref="LegacySchema"/> database per test class that uses it, dropped after the class.</summary>
public sealed class LegacySourceFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("fixture not initialised");

    public PostgresSourceAdapter Adapter { get; } = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("srcadapter_");
        await _database.ExecuteAsync(LegacySchema.Sql);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
