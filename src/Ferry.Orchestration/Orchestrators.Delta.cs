using Ferry.Core.Configuration;
using Ferry.Core.Deltas;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Status;
using Ferry.Orchestration.Steps;
using Microsoft.DurableTask;

namespace Ferry.Orchestration;

public static partial class Orchestrators
{
    /// <summary>
    /// <c>delta</c>: starts the engine's delta (its leases taken; refused as a whole for a district cut over or held by
    /// another operation), applies each district's changes side by side within <c>limits:</c>, then verifies in each
    /// district only the entities its delta changed (a district where nothing changed is not verified), finishes the
    /// delta and writes the reports. A district whose delta fails (refused, or retries used up) fails alone with its
    /// reason; what committed stays, and the next delta continues from the stored positions.
    /// </summary>
    private static async Task<RunOutcome> DeltaAsync(
        TaskOrchestrationContext context, RunInput input, string instance, RunScope scope, ResolvedScope resolved,
        LimitSettings limits, Dictionary<string, DistrictSummary> summaries, RunStatus status)
    {
        var started = await Step<StartedDelta>(context, OrchestrationNames.StartDelta, resolved.Attempts,
            a => new StartDeltaInput(instance, scope, Guid.TryParse(instance, out var id) ? id : null) { Attempt = a });
        status = status with { RunId = started.RunId, Phase = "applying", Districts = summaries };
        context.SetCustomStatus(status.Bounded());

        var applied = await ApplyDeltasAsync(context, instance, scope, started.RunId, resolved, limits, summaries, status);
        var changed = applied.Where(a => a.ChangedEntities.Count > 0).ToDictionary(a => a.District, a => a.ChangedEntities, StringComparer.Ordinal);
        var verifications = await VerifyAsync(
            context, instance, scope, resolved with { Districts = resolved.Districts.Where(d => changed.ContainsKey(d.District)).ToList() },
            limits, summaries, status, district => new RunScope([district], changed[district]));

        var failed = summaries.Where(s => s.Value.State == "failed").Select(s => $"{s.Key}: {s.Value.Failure}").ToList();
        var failure = failed.Count == 0 ? null : string.Join("; ", failed);
        await Step<bool>(context, OrchestrationNames.FinishDelta, resolved.Attempts,
            a => new FinishDeltaInput(instance, started.RunId, scope, failure is null ? "completed" : "failed", failure) { Attempt = a });
        var messages = applied.Select(Describe).ToList();
        var outcome = await PublishAsync(context, input, instance, started.RunId, verifications, summaries, status, messages, failure, resolved.Attempts);
        return outcome with { Deltas = applied };
    }

    /// <summary>Applies each district's delta, starting each as <see cref="DistrictAdmission"/> allows; a district that fails is marked so.</summary>
    private static async Task<List<DistrictDelta>> ApplyDeltasAsync(
        TaskOrchestrationContext context, string instance, RunScope scope, Guid runId, ResolvedScope resolved,
        LimitSettings limits, Dictionary<string, DistrictSummary> summaries, RunStatus status)
    {
        var results = new List<DistrictDelta>();
        var waiting = resolved.Districts.ToList();
        var running = new Dictionary<Task<DistrictDelta>, DistrictResources>();
        while (waiting.Count > 0 || running.Count > 0)
        {
            foreach (var d in DistrictAdmission.Admit(waiting, running.Values, limits))
            {
                waiting.Remove(d);
                summaries[d.District] = new DistrictSummary { State = "applying" };
                running[StepCalls.CallAsync<DistrictDelta>(context, OrchestrationNames.ApplyDelta, resolved.Attempts,
                    a => new ApplyDeltaInput(instance, runId, d.District, scope) { Attempt = a })] = d;
            }

            context.SetCustomStatus(status.Bounded());
            var done = await Task.WhenAny(running.Keys);
            var district = running[done].District;
            running.Remove(done);
            try
            {
                var result = await done;
                results.Add(result);
                summaries[district] = new DistrictSummary
                {
                    State = "completed",
                    EntitiesDone = result.ChangedEntities.Count,
                    EntitiesPlanned = result.ChangedEntities.Count,
                    RowsLoaded = result.Upserted + result.Deleted,
                    RowsQuarantined = result.Quarantined,
                };
            }
            catch (TaskFailedException e)
            {
                summaries[district] = summaries[district] with { State = "failed", Failure = $"delta failed: {StepCalls.Reason(e)}" };
            }
        }

        context.SetCustomStatus(status.Bounded());
        return results.OrderBy(r => r.District, StringComparer.Ordinal).ToList();
    }

    private static string Describe(DistrictDelta d) =>
        $"district {d.District}: changes after {d.From} up to {d.To}{(d.AlreadyApplied ? " (applied before)" : "")}: " +
        $"{d.Upserted:N0} row(s) written, {d.Deleted:N0} deleted, {d.Quarantined:N0} quarantined, {d.Resolved:N0} quarantined row(s) loaded, {d.Conflicts:N0} conflict(s)" +
        (d.ChangedEntities.Count == 0 ? "; nothing changed, nothing to verify" : $"; verifying {string.Join(", ", d.ChangedEntities)}");
}
