using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// The operator actions table (<c>ferry.operator_action</c>) of a target database: an action is recorded before it
/// is carried out (<see cref="RecordAsync"/>) and its outcome afterwards (<see cref="FinishAsync"/>), so an action
/// whose host died between the two still shows, as <c>requested</c>.
/// </summary>
public static class OperatorActions
{
    /// <summary>Records a requested action; returns its id for <see cref="FinishAsync"/>.</summary>
    public static async Task<long> RecordAsync(
        NpgsqlDataSource target, string actor, string role, string action, string? run, IReadOnlyCollection<string> districts, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "INSERT INTO ferry.operator_action (actor, role, action, run_id, districts) VALUES ($1, $2, $3, $4, $5) RETURNING action_id");
        command.Parameters.AddWithValue(actor);
        command.Parameters.AddWithValue(role);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue((object?)run ?? DBNull.Value);
        command.Parameters.AddWithValue(districts.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Writes the outcome of a recorded action, and the run it created when it started one.</summary>
    public static async Task FinishAsync(NpgsqlDataSource target, long id, string outcome, string? detail, string? run, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "UPDATE ferry.operator_action SET outcome = $2, detail = $3, run_id = coalesce($4, run_id), finished_at = now() WHERE action_id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(outcome);
        command.Parameters.AddWithValue((object?)detail ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)run ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The actions on one run (by its instance id) recorded in the given target databases, oldest first.</summary>
    public static async Task<IReadOnlyList<OperatorAction>> OfRunAsync(IReadOnlyList<NpgsqlDataSource> targets, string run, CancellationToken cancellationToken)
    {
        var actions = new List<OperatorAction>();
        foreach (var target in targets)
        {
            await using var command = target.CreateCommand(
                "SELECT action_id, at, actor, role, action, run_id, districts, outcome, detail FROM ferry.operator_action WHERE run_id = $1 ORDER BY at, action_id");
            command.Parameters.AddWithValue(run);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                actions.Add(new OperatorAction(
                    reader.GetInt64(0),
                    new DateTimeOffset(reader.GetDateTime(1)),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetFieldValue<string[]>(6),
                    reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }

        return actions.OrderBy(a => a.At).ToList();
    }
}
