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

    private const string SelectPage =
        "SELECT event_id, at, instance_id, run_id, activity, district_id, entity, work_item, attempt, outcome, rows_loaded, duration_ms, worker, message " +
        "FROM ferry.activity_event WHERE instance_id = ANY($1) AND event_id > $2 ORDER BY event_id LIMIT $3";

    /// <summary>
    /// Up to <paramref name="limit"/> events of any of <paramref name="instances"/> written after the event
    /// <paramref name="after"/> (0: from the first), oldest first, and the id to continue after when there are more.
    /// </summary>
    public static async Task<(IReadOnlyList<ActivityEvent> Events, long? Next)> ReadPageAsync(
        NpgsqlDataSource target, IReadOnlyList<string> instances, long after, int limit, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(SelectPage);
        command.Parameters.AddWithValue(instances.ToArray());
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit + 1);
        var events = new List<ActivityEvent>();
        var last = 0L;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // One row past the page says there is a next page without counting the whole log.
            if (events.Count == limit)
            {
                more = true;
                break;
            }

            last = reader.GetInt64(0);
            events.Add(Read(reader, 1));
        }

        return (events, more ? last : null);
    }

    public static async IAsyncEnumerable<ActivityEvent> ReadAsync(NpgsqlDataSource target, string instance, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(Select);
        command.Parameters.AddWithValue(instance);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader, 0);
        }
    }

    /// <summary>An event from the columns of <see cref="Select"/>, starting at column <paramref name="first"/>.</summary>
    private static ActivityEvent Read(NpgsqlDataReader reader, int first) => new()
    {
        At = new DateTimeOffset(reader.GetDateTime(first), TimeSpan.Zero),
        Instance = reader.GetString(first + 1),
        RunId = reader.IsDBNull(first + 2) ? null : reader.GetGuid(first + 2),
        Activity = reader.GetString(first + 3),
        District = reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        Entity = reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        WorkItem = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        Attempt = reader.GetInt32(first + 7),
        Outcome = reader.GetString(first + 8),
        Rows = reader.IsDBNull(first + 9) ? null : reader.GetInt64(first + 9),
        DurationMs = reader.IsDBNull(first + 10) ? null : reader.GetInt64(first + 10),
        Worker = reader.GetString(first + 11),
        Message = reader.IsDBNull(first + 12) ? null : reader.GetString(first + 12),
    };
}
