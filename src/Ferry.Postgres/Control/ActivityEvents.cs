using System.Runtime.CompilerServices;
using Ferry.Core.Reconciliation;
using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// The durable orchestrations' activity log (ferry.activity_event): each worker appends the events of the activities
/// it runs; a run's log is read back in the order written.
/// </summary>
public static class ActivityEvents
{
    private const string Insert =
        "INSERT INTO ferry.activity_event (instance_id, run_id, activity, district_id, entity, work_item, attempt, outcome, rows_loaded, duration_ms, worker, message) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string Select =
        "SELECT at, instance_id, run_id, activity, district_id, entity, work_item, attempt, outcome, rows_loaded, duration_ms, worker, message " +
        "FROM ferry.activity_event WHERE instance_id = $1 ORDER BY event_id";

    public static async Task AppendAsync(NpgsqlDataSource target, ActivityEvent e, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(Insert);
        command.Parameters.AddWithValue(e.Instance);
        command.Parameters.AddWithValue((object?)e.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue(e.Activity);
        command.Parameters.AddWithValue((object?)e.District ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)e.Entity ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)e.WorkItem ?? DBNull.Value);
        command.Parameters.AddWithValue(e.Attempt);
        command.Parameters.AddWithValue(e.Outcome);
        command.Parameters.AddWithValue((object?)e.Rows ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)e.DurationMs ?? DBNull.Value);
        command.Parameters.AddWithValue(e.Worker);
        command.Parameters.AddWithValue((object?)e.Message ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async IAsyncEnumerable<ActivityEvent> ReadAsync(NpgsqlDataSource target, string instance, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(Select);
        command.Parameters.AddWithValue(instance);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ActivityEvent
            {
                At = new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero),
                Instance = reader.GetString(1),
                RunId = reader.IsDBNull(2) ? null : reader.GetGuid(2),
                Activity = reader.GetString(3),
                District = reader.IsDBNull(4) ? null : reader.GetString(4),
                Entity = reader.IsDBNull(5) ? null : reader.GetString(5),
                WorkItem = reader.IsDBNull(6) ? null : reader.GetString(6),
                Attempt = reader.GetInt32(7),
                Outcome = reader.GetString(8),
                Rows = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                DurationMs = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                Worker = reader.GetString(11),
                Message = reader.IsDBNull(12) ? null : reader.GetString(12),
            };
        }
    }
}
