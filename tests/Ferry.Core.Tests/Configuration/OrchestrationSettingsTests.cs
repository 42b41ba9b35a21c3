using Ferry.Core.Configuration;

namespace Ferry.Core.Tests.Configuration;

public class OrchestrationSettingsTests
{
    private const string Base = """
        target: "Host=127.0.0.1;Database=target"
        uuidNamespace: "1b671a64-40d5-491e-99b0-da01ff1f3341"
        districts:
          - id: d001
            tenant: "6a1f7c1e-0000-4000-8000-000000000001"
            source: { provider: postgres, connection: "Host=127.0.0.1;Database=legacy_d001" }
            deltaSchedule: "*/15 * * * *"
          - id: d002
            tenant: "6a1f7c1e-0000-4000-8000-000000000002"
            source: { provider: postgres, connection: "Host=127.0.0.1;Database=legacy_d002" }
        """;

    [Fact]
    public void Limits_default_to_two_per_source_and_four_per_target()
    {
        var config = ConfigLoader.Parse(Base, "migration.yaml");
        Assert.Equal(2, config.Limits.PerSource);
        Assert.Equal(4, config.Limits.PerTarget);
    }

    [Fact]
    public void Limits_are_read_from_their_key()
    {
        var config = ConfigLoader.Parse(Base + "\nlimits: { perSource: 3, perTarget: 9 }", "migration.yaml");
        Assert.Equal(3, config.Limits.PerSource);
        Assert.Equal(9, config.Limits.PerTarget);
    }

    [Fact]
    public void Unknown_limit_is_an_error_naming_it()
    {
        var message = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Base + "\nlimits: { perServer: 3 }", "migration.yaml")).Message;
        Assert.Contains("perServer", message);
    }

    [Fact]
    public void Delta_schedule_is_kept_per_district()
    {
        var config = ConfigLoader.Parse(Base, "migration.yaml");
        Assert.Equal("*/15 * * * *", config.Districts[0].DeltaSchedule);
        Assert.Null(config.Districts[1].DeltaSchedule);
    }

    [Fact]
    public void Malformed_delta_schedule_is_an_error_naming_the_district()
    {
        var message = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Base.Replace("*/15 * * * *", "every 15 minutes"), "migration.yaml")).Message;
        Assert.Contains("district d001: deltaSchedule", message);
    }

    [Theory]
    [InlineData("*/15 * * * *", "2026-12-02T10:30:00Z", true)]
    [InlineData("*/15 * * * *", "2026-12-02T10:30:59Z", true)]
    [InlineData("*/15 * * * *", "2026-12-02T10:31:00Z", false)]
    [InlineData("0 2 * * *", "2026-12-02T02:00:10Z", true)]
    [InlineData("0 2 * * *", "2026-12-02T03:00:00Z", false)]
    public void Schedule_is_due_in_the_minute_of_its_occurrence(string cron, string at, bool due) =>
        Assert.Equal(due, CronSchedule.IsDue(cron, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
}
