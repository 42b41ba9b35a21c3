using Npgsql;

namespace Ferry.Postgres.Control;

/// <summary>
/// Which of some districts a live operation holds (<c>ferry.lease</c>, kind <c>district</c>), read without taking
/// anything: a request to start work on them can be refused up front, naming the run, before any orchestration exists.
/// </summary>
public static class DistrictLeaseHolders
{
    public static async Task<IReadOnlyList<(string District, Guid Run, string Holder)>> LiveAsync(
        NpgsqlDataSource target, IReadOnlyCollection<string> districts, CancellationToken cancellationToken)
    {
        await using var command = target.CreateCommand(
            "SELECT key, run_id, holder FROM ferry.lease WHERE kind = 'district' AND key = ANY($1) AND expires_at > now() ORDER BY key");
        command.Parameters.AddWithValue(districts.ToArray());
        var held = new List<(string, Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add((reader.GetString(0), reader.GetGuid(1), reader.GetString(2)));
        }

        return held;
    }
}
