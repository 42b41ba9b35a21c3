using Ferry.Core.Configuration;
using Ferry.Core.Deltas;
using Ferry.Engine.Running;

namespace Ferry.Engine.Deltas;

/// <summary>How a delta pass ended: each district's result, and the failure or stop when it did not complete.</summary>
public sealed record DeltaOutcome(Guid RunId, RunExit Exit, IReadOnlyList<DistrictDelta> Districts, string? Message);

/// <summary>
/// <c>dm delta</c>'s in-process orchestration of <see cref="DeltaEngine"/>'s steps: start, each district in turn,
/// finish. A stop request is honoured between districts. A refusal of a district (<see cref="ConfigException"/>) ends
/// the pass as failed and is thrown again (exit 2: that district's delta wrote nothing); any other failure is returned
/// (exit 3): what committed stays, and the next pass continues from the stored positions.
/// </summary>
public static class DeltaRunner
{
    public static async Task<DeltaOutcome> RunAsync(DeltaEngine engine, DeltaRequest request, Action<string> line, CancellationToken stop, CancellationToken cancellationToken)
    {
        var ticket = await engine.StartAsync(request, cancellationToken);
        line($"delta {ticket.RunId}");
        var done = new List<DistrictDelta>();
        try
        {
            foreach (var district in ticket.Districts)
            {
                if (stop.IsCancellationRequested)
                {
                    await engine.FinishAsync(ticket.RunId, "stopped", "stopped between districts", CancellationToken.None);
                    return new DeltaOutcome(ticket.RunId, RunExit.Stopped, done, null);
                }

                var result = await engine.ApplyDistrictAsync(ticket.RunId, district, cancellationToken);
                done.Add(result);
                line(Describe(result));
            }
        }
        catch (ConfigException e)
        {
            await engine.FinishAsync(ticket.RunId, "failed", e.Message, CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = Work.MigrationEngine.Describe(e);
            await engine.FinishAsync(ticket.RunId, "failed", message, CancellationToken.None);
            return new DeltaOutcome(ticket.RunId, RunExit.Failed, done, message);
        }

        await engine.FinishAsync(ticket.RunId, "completed", null, CancellationToken.None);
        return new DeltaOutcome(ticket.RunId, RunExit.Completed, done, null);
    }

    public static string Describe(DistrictDelta d) =>
        $"district {d.District}: changes after {d.From} up to {d.To}{(d.AlreadyApplied ? " (applied before)" : "")}: " +
        $"{d.Upserted:N0} row(s) written, {d.Deleted:N0} deleted, {d.Quarantined:N0} quarantined, {d.Resolved:N0} quarantined row(s) loaded, " +
        $"{d.Conflicts:N0} conflict(s)" + (d.ChangedEntities.Count == 0 ? "; nothing changed" : $"; entities changed: {string.Join(", ", d.ChangedEntities)}");
}
