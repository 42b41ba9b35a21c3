using System.Data;
using Ferry.Core.Abstractions;

namespace Ferry.SqlServer.Tests;

/// <summary>The read consistency and isolation level SQL Server's row-versioning settings give.</summary>
public sealed class SqlServerIsolationTests
{
    [Theory]
    [InlineData(1, false, ReadConsistency.Snapshot)]
    [InlineData(1, true, ReadConsistency.Snapshot)]
    [InlineData(0, true, ReadConsistency.StatementSnapshot)]
    [InlineData(3, true, ReadConsistency.StatementSnapshot)]
    [InlineData(0, false, ReadConsistency.Locking)]
    [InlineData(2, false, ReadConsistency.Locking)]
    [InlineData(3, false, ReadConsistency.Locking)]
    public void Settings_give_the_read_consistency(int snapshotState, bool readCommittedSnapshot, ReadConsistency expected)
    {
        // States 2 and 3 are ALLOW_SNAPSHOT_ISOLATION turning off or on: SNAPSHOT cannot be used during either.
        Assert.Equal(expected, SqlServerIsolation.Consistency(snapshotState, readCommittedSnapshot));
    }

    [Theory]
    [InlineData(1, false, IsolationLevel.Snapshot)]
    [InlineData(0, false, IsolationLevel.ReadCommitted)]
    [InlineData(3, false, IsolationLevel.ReadCommitted)]
    [InlineData(1, true, IsolationLevel.ReadCommitted)]
    public void Memory_optimized_tables_are_read_in_read_committed_even_where_snapshot_is_allowed(int snapshotState, bool memoryOptimized, IsolationLevel expected)
    {
        Assert.Equal(expected, SqlServerIsolation.Level(snapshotState, memoryOptimized));
    }

    [Fact]
    public void Change_tracking_version_below_the_minimum_valid_version_is_a_one_line_problem()
    {
        var problem = ChangeTracking.Problem(recorded: 1200, minimumValid: 1500);

        Assert.NotNull(problem);
        Assert.Contains("1200", problem);
        Assert.Contains("minimum valid version 1500", problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Theory]
    [InlineData(1500, 1500)]
    [InlineData(1600, 1500)]
    public void Change_tracking_version_at_or_above_the_minimum_is_fine(long recorded, long minimum)
    {
        Assert.Null(ChangeTracking.Problem(recorded, minimum));
    }

    [Fact]
    public void Table_no_longer_tracked_is_a_problem()
    {
        Assert.Contains("no longer follows the table", ChangeTracking.Problem(1200, null));
    }
}
