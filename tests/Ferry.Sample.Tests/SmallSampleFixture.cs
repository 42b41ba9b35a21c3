using Xunit;

namespace Ferry.Sample.Tests;

/// <summary>
/// Generates the small profile three times: twice with the same seed (prefixes <c>sampletest_a_</c> and
/// <c>sampletest_b_</c>) and once with another seed, then drops the databases when the class is done.
/// </summary>
public sealed class SmallSampleFixture : IAsyncLifetime
{
    public const int Students = 300;

    public SampleResult First { get; private set; } = null!;

    public SampleResult Second { get; private set; } = null!;

    public SampleResult OtherSeed { get; private set; } = null!;

    public List<string> Log { get; } = [];

    public async Task InitializeAsync()
    {
        var options = new SampleOptions { AdminConnection = TestDatabase.AdminConnection, Districts = 3, Students = Students, Seed = 7 };
        var log = new SynchronousLog(Log);
        First = await SampleGenerator.GenerateAsync(options with { DatabasePrefix = "sampletest_a_" }, log, CancellationToken.None);
        Second = await SampleGenerator.GenerateAsync(options with { DatabasePrefix = "sampletest_b_" }, null, CancellationToken.None);
        OtherSeed = await SampleGenerator.GenerateAsync(options with { DatabasePrefix = "sampletest_c_", Districts = 1, Seed = 8 }, null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (First is null || Second is null || OtherSeed is null)
        {
            return;
        }

        await TestDatabase.DropDatabasesAsync(First.Districts.Concat(Second.Districts).Concat(OtherSeed.Districts));
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; tests want the lines in hand when generation returns.</summary>
    private sealed class SynchronousLog(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
