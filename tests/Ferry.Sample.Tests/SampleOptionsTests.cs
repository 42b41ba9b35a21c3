using Xunit;

namespace Ferry.Sample.Tests;

public class SampleOptionsTests
{
    [Theory]
    [InlineData(0, 100, "legacy_")]
    [InlineData(1000, 100, "legacy_")]
    [InlineData(1, 0, "legacy_")]
    [InlineData(1, 100, "")]
    [InlineData(1, 100, "a_prefix_far_too_long_for_postgres_identifiers_of_sixty_three_b")]
    public async Task Invalid_options_are_rejected_before_any_database_is_touched(int districts, int students, string prefix)
    {
        // The host does not exist: reaching it would fail differently than the argument check does.
        var options = new SampleOptions { AdminConnection = "Host=no-such-host.invalid", Districts = districts, Students = students, DatabasePrefix = prefix };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => SampleGenerator.GenerateAsync(options, null, CancellationToken.None));
    }

    [Fact]
    public void Defaults_match_the_documented_sample()
    {
        var options = new SampleOptions { AdminConnection = "Host=localhost" };

        Assert.Equal(3, options.Districts);
        Assert.Equal(SampleProfile.Small, options.Profile);
        Assert.Equal(42, options.Seed);
        Assert.Equal(2_000, options.Students);
        Assert.Null(options.AssessmentResults);
        Assert.Equal("legacy_", options.DatabasePrefix);
    }
}
