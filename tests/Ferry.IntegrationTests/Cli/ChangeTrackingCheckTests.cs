using Ferry.Core.Model;
using Ferry.Engine.Validation;

namespace Ferry.IntegrationTests.Cli;

/// <summary>What validate says about Change Tracking, from the source's answers (SQL Server's; the stand-in always has a position).</summary>
public class ChangeTrackingCheckTests
{
    [Fact]
    public void Change_tracking_off_is_a_problem_saying_how_to_turn_it_on()
    {
        var line = Assert.Single(ChangeTrackingCheck.Problems("d001", "SIS", null, []));

        Assert.StartsWith("district d001: Change Tracking is off on database SIS: a delta could not follow the load; turn it on (ALTER DATABASE ... SET CHANGE_TRACKING = ON)", line);
    }

    [Fact]
    public void Tables_it_does_not_follow_are_named_a_few_at_a_time()
    {
        var untracked = Enumerable.Range(1, 7).Select(i => new TableName("dbo", $"T{i}")).ToList();

        var line = Assert.Single(ChangeTrackingCheck.Problems("d002", "SIS", "42", untracked));

        Assert.StartsWith("district d002: Change Tracking does not follow 7 table(s) in scope: dbo.T1, dbo.T2, dbo.T3, dbo.T4, dbo.T5 and 2 more; ", line);
    }

    [Fact]
    public void Tracking_every_table_is_no_problem()
    {
        Assert.Empty(ChangeTrackingCheck.Problems("d003", "SIS", "42", []));
    }
}
