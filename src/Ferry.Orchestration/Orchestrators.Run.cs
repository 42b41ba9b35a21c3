using Ferry.Core.Configuration;
using Ferry.Orchestration.Flow;
using Ferry.Orchestration.Status;
using Ferry.Orchestration.Steps;
using Microsoft.DurableTask;

namespace Ferry.Orchestration;

/// <summary>
/// The orchestrators, written against the Durable Task abstractions only and registered under
/// <see cref="OrchestrationNames"/> by every host. Deterministic: every fact about the world (the configuration,
/// the databases) comes from an activity, every time from the context's clock.
/// </summary>
public static partial class Orchestrators
{
    /// <summary>
    /// A run (<see cref="OrchestrationNames.Run"/>; the instance id is the run id). <c>full</c>: starts (or resumes) the
    /// engine's run, loads the districts as sub-orchestrations side by side within <c>limits:</c>, then, when every
    /// district loaded, restores the deferred constraints once, verifies each district, finishes the run and writes
    /// the reports. <c>delta</c>: see <see cref="DeltaAsync"/>. <c>verify</c>: verifies each district and writes the reports. <c>rollback</c>: undoes
    /// <see cref="RunInput.Rollback"/>. <c>scaffold</c> and <c>validate</c>: see <see cref="ScaffoldAsync"/> and
    /// <see cref="ValidateAsync"/>. A district that fails leaves the others going; the run then ends
    /// <c>failed</c> with each reason (in the output and the custom status), its committed work kept for a restart
    /// of the same scope to resume. A request the engine refuses (a district held by another run, an unknown
    /// district) fails the orchestration with the reason.
    /// </summary>
    public static Task<RunOutcome> RunAsync(TaskOrchestrationContext context, RunInput input) => RunAsync(context, input, OrchestratorVersion.V5);

    /// <summary>The previous version of <see cref="RunAsync(TaskOrchestrationContext, RunInput)"/> (<see cref="OrchestrationNames.RunV4"/>), for the runs it started.</summary>
    public static Task<RunOutcome> RunV4Async(TaskOrchestrationContext context, RunInput input) => RunAsync(context, input, OrchestratorVersion.V4);

    /// <summary>The third version of <see cref="RunAsync(TaskOrchestrationContext, RunInput)"/> (<see cref="OrchestrationNames.RunV3"/>), for the runs it started.</summary>
    public static Task<RunOutcome> RunV3Async(TaskOrchestrationContext context, RunInput input) => RunAsync(context, input, OrchestratorVersion.V3);

    /// <summary>The second version of <see cref="RunAsync(TaskOrchestrationContext, RunInput)"/> (<see cref="OrchestrationNames.RunV2"/>), for the runs it started.</summary>
    public static Task<RunOutcome> RunV2Async(TaskOrchestrationContext context, RunInput input) => RunAsync(context, input, OrchestratorVersion.V2);

    /// <summary>The first version of <see cref="RunAsync(TaskOrchestrationContext, RunInput)"/> (<see cref="OrchestrationNames.RunV1"/>), for the runs it started.</summary>
    public static Task<RunOutcome> RunV1Async(TaskOrchestrationContext context, RunInput input) => RunAsync(context, input, OrchestratorVersion.V1);

    private static async Task<RunOutcome> RunAsync(TaskOrchestrationContext context, RunInput input, OrchestratorVersion version)
    {
        if (!RunModes.IsKnown(input.Mode))
        {
            throw new RunFailedException($"mode '{input.Mode}' is not one this build runs ({string.Join(", ", RunModes.All)})");
        }

        var instance = context.InstanceId;
        var scope = new RunScope(input.Districts, input.Entities);
        var status = new RunStatus { Mode = input.Mode, Phase = "starting" };
        context.SetCustomStatus(status);
        if (input.Mode == RunModes.Rollback)
        {
            return await RollbackAsync(context, input, instance, status);
        }

        if (input.Mode == RunModes.Scaffold)
        {
            return await ScaffoldAsync(context, input, instance, status);
        }

        if (input.Mode == RunModes.Validate)
        {
            return await ValidateAsync(context, input, instance, status);
        }

        var resolved = await Step<ResolvedScope>(context, OrchestrationNames.ResolveScope, RetrySettings.Default.ActivityAttempts, a => new ResolveInput(instance, scope) { Attempt = a });
        var limits = new LimitSettings { PerSource = resolved.PerSource, PerTarget = resolved.PerTarget };
        var summaries = resolved.Districts.ToDictionary(d => d.District, _ => new DistrictSummary { State = "pending" }, StringComparer.Ordinal);
        status = status with { Districts = summaries };
        context.SetCustomStatus(status.Bounded());

        if (input.Mode == RunModes.Delta)
        {
            return await DeltaAsync(context, input, instance, scope, resolved, limits, summaries, status);
        }

        if (input.Mode == RunModes.Verify)
        {
            var verified = await VerifyAsync(context, instance, scope, resolved, limits, summaries, status);
            return await PublishAsync(context, input, instance, null, verified, summaries, status, [], null, resolved.Attempts);
        }

        var started = await Step<StartedRun>(context, OrchestrationNames.StartRun, resolved.Attempts,
            a => new StartRunInput(instance, scope, Guid.TryParse(instance, out var id) ? id : null) { Attempt = a });
        status = status with { RunId = started.RunId, Phase = "loading" };
        context.SetCustomStatus(status.Bounded());

        var failures = await LoadAsync(context, version, instance, scope, started, resolved, limits, summaries, status with { Districts = summaries });
        var messages = started.Messages.ToList();
        if (failures.Count == 0)
        {
            status = status with { Phase = "restoring", Districts = summaries };
            context.SetCustomStatus(status.Bounded());
            try
            {
                var restored = await StepCalls.CallAsync<RestoreOutput>(context, OrchestrationNames.Restore, resolved.Attempts, a => new RestoreInput(instance, started.RunId, scope) { Attempt = a });
                messages.AddRange(restored.Lines);
            }
            catch (TaskFailedException e)
            {
                // Every batch is committed; what is left deferred is restored by the next run to complete.
                failures["*"] = $"building deferred indexes and restoring foreign keys failed: {StepCalls.Reason(e)}";
            }
        }

        var loaded = resolved.Districts.Where(d => summaries[d.District].State == "completed").ToList();
        var verifications = await VerifyAsync(context, instance, scope, resolved with { Districts = loaded }, limits, summaries, status with { Phase = "verifying" });
        var failure = failures.Count == 0 ? null : string.Join("; ", failures.Values);
        await Step<bool>(context, OrchestrationNames.FinishRun, resolved.Attempts,
            a => new FinishRunInput(instance, started.RunId, scope, failure is null ? "completed" : "failed", failure) { Attempt = a });
        return await PublishAsync(context, input, instance, started.RunId, verifications, summaries, status, messages, failure, resolved.Attempts);
    }

    /// <summary>
    /// Runs the districts' sub-orchestrations, starting each as <see cref="DistrictAdmission"/> allows; returns the
    /// reason of each district that failed. The summaries are updated as districts start and end. Version 4 keeps the
    /// count of slots each district holds: once no district waits to start, the districts may ask
    /// (<see cref="OrchestrationEvents.SlotDemand"/>), and the room they hand back or leave by finishing is lent to
    /// those asking (<see cref="OrchestrationEvents.SlotsLent"/>).
    /// </summary>
    private static async Task<Dictionary<string, string>> LoadAsync(
        TaskOrchestrationContext context, OrchestratorVersion version, string instance, RunScope scope, StartedRun started, ResolvedScope resolved,
        LimitSettings limits, Dictionary<string, DistrictSummary> summaries, RunStatus status)
    {
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var waiting = resolved.Districts.ToList();
        var running = new Dictionary<Task<DistrictOutcome>, (DistrictResources District, int Slots)>();
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        var asking = new HashSet<string>(StringComparer.Ordinal);
        var demands = version.LendsSlots ? context.WaitForExternalEvent<SlotDemand>(OrchestrationEvents.SlotDemand) : null;
        while (waiting.Count > 0 || running.Count > 0)
        {
            var admitted = version.SharesSlots
                ? DistrictAdmission.Share(waiting, running.Values, limits).ToList()
                : DistrictAdmission.Admit(waiting, running.Values.Select(r => r.District).ToList(), limits).Select(d => (d, DistrictAdmission.Slots(limits))).ToList();
            foreach (var (d, _) in admitted)
            {
                waiting.Remove(d);
            }

            if (version.GrowsSlots && waiting.Count == 0)
            {
                // Nobody waits: the room left goes to the districts loading, a new one in its input, one already
                // running by event.
                var loading = running.ToList();
                foreach (var (d, slots) in DistrictAdmission.Grow([.. loading.Select(e => e.Value), .. admitted], limits))
                {
                    var fresh = admitted.FindIndex(a => a.Item1.District == d.District);
                    if (fresh >= 0)
                    {
                        admitted[fresh] = (d, slots);
                        continue;
                    }

                    running[loading.First(e => e.Value.District.District == d.District).Key] = (d, slots);
                    context.SendEvent(InstanceIds.District(instance, d.District), OrchestrationEvents.SlotsGranted, slots);
                }
            }

            var mayAsk = version.LendsSlots && waiting.Count == 0;
            if (mayAsk)
            {
                LendSlots(context, instance, running, admitted, wanted, asking, limits);
            }

            foreach (var (d, slots) in admitted)
            {
                summaries[d.District] = new DistrictSummary { State = "loading" };
                var input = new DistrictInput(instance, started.RunId, d.District, scope, slots, resolved.Attempts, DefaultHistoryBudget) { AsksForSlots = mayAsk };
                running[context.CallSubOrchestratorAsync<DistrictOutcome>(
                    version.District, input, new SubOrchestrationOptions { InstanceId = InstanceIds.District(instance, d.District) })] = (d, slots);
            }

            context.SetCustomStatus(status.Bounded());
            var first = demands is null ? await Task.WhenAny(running.Keys) : await Task.WhenAny([.. running.Keys, demands]);
            if (first == demands)
            {
                var demand = await demands;
                demands = context.WaitForExternalEvent<SlotDemand>(OrchestrationEvents.SlotDemand);
                // A district that ended already has no slots to hand back: ending returned them all.
                if (running.FirstOrDefault(e => e.Value.District.District == demand.District) is { Key: { } holder, Value: var held })
                {
                    running[holder] = (held.District, Math.Max(1, held.Slots - demand.Returned));
                    wanted[demand.District] = demand.Wanted;
                }

                continue;
            }

            var done = (Task<DistrictOutcome>)first;
            var district = running[done].District.District;
            running.Remove(done);
            wanted.Remove(district);
            try
            {
                summaries[district] = (await done).Summary;
            }
            catch (TaskFailedException e)
            {
                failures[district] = StepCalls.Reason(e);
                summaries[district] = summaries[district] with { State = "failed", Failure = failures[district] };
            }
        }

        context.SetCustomStatus(status.Bounded());
        return failures;
    }

    /// <summary>
    /// Lends the room the running districts leave to those asking (<see cref="DistrictAdmission.Lend"/>; the districts
    /// <paramref name="admitted"/> now count with the slots they start with), and tells each running district not yet
    /// told that it may ask, in the same event.
    /// </summary>
    private static void LendSlots(
        TaskOrchestrationContext context, string instance, Dictionary<Task<DistrictOutcome>, (DistrictResources District, int Slots)> running,
        IReadOnlyList<(DistrictResources District, int Slots)> admitted, Dictionary<string, int> wanted, HashSet<string> asking, LimitSettings limits)
    {
        var loading = running.ToList();
        var lent = DistrictAdmission.Lend(
            [.. loading.Select(e => (e.Value.District, e.Value.Slots, wanted.GetValueOrDefault(e.Value.District.District))), .. admitted.Select(a => (a.District, a.Slots, 0))],
            limits).ToDictionary(l => l.District.District, l => l.Lent, StringComparer.Ordinal);
        foreach (var (task, (d, slots)) in loading)
        {
            var more = lent.GetValueOrDefault(d.District);
            if (more > 0)
            {
                running[task] = (d, slots + more);
                wanted[d.District] -= more;
            }

            if (asking.Add(d.District) || more > 0)
            {
                context.SendEvent(InstanceIds.District(instance, d.District), OrchestrationEvents.SlotsLent, more);
            }
        }

        foreach (var (d, _) in admitted)
        {
            asking.Add(d.District);
        }
    }

    /// <summary>
    /// Verifies each district (within the same limits as loading), in the scope <paramref name="scopeOf"/> gives for it
    /// when given (a delta verifies only the entities it changed); a verification that cannot run marks its district failed.
    /// </summary>
    private static async Task<List<VerifyOutput>> VerifyAsync(
        TaskOrchestrationContext context, string instance, RunScope scope, ResolvedScope resolved,
        LimitSettings limits, Dictionary<string, DistrictSummary> summaries, RunStatus status, Func<string, RunScope>? scopeOf = null)
    {
        status = status with { Phase = "verifying", Districts = summaries };
        var results = new List<VerifyOutput>();
        var waiting = resolved.Districts.ToList();
        var running = new Dictionary<Task<VerifyOutput>, DistrictResources>();
        while (waiting.Count > 0 || running.Count > 0)
        {
            foreach (var d in DistrictAdmission.Admit(waiting, running.Values, limits))
            {
                waiting.Remove(d);
                summaries[d.District] = (summaries.GetValueOrDefault(d.District) ?? new DistrictSummary { State = "pending" }) with { State = "verifying" };
                running[StepCalls.CallAsync<VerifyOutput>(context, OrchestrationNames.VerifyDistrict, resolved.Attempts, a => new VerifyInput(instance, d.District, scopeOf?.Invoke(d.District) ?? scope) { Attempt = a })] = d;
            }

            context.SetCustomStatus(status.Bounded());
            var done = await Task.WhenAny(running.Keys);
            var district = running[done].District;
            running.Remove(done);
            try
            {
                var result = await done;
                results.Add(result);
                summaries[district] = summaries[district] with
                {
                    State = result.HasParity ? "completed" : "differs",
                    Failure = result.HasParity ? null : $"{result.Differing} of {result.Entities} entities differ (verification {result.VerifyId})",
                };
            }
            catch (TaskFailedException e)
            {
                summaries[district] = summaries[district] with { State = "failed", Failure = $"verification failed: {StepCalls.Reason(e)}" };
            }
        }

        context.SetCustomStatus(status.Bounded());
        return results.OrderBy(r => r.District, StringComparer.Ordinal).ToList();
    }

    private static async Task<RunOutcome> RollbackAsync(TaskOrchestrationContext context, RunInput input, string instance, RunStatus status)
    {
        if (input.Rollback is not { } rollback)
        {
            throw new RunFailedException("mode rollback: name the run to roll back (rollback.run)");
        }

        context.SetCustomStatus(status with { Phase = "rolling back" });
        RollbackStepOutput result;
        try
        {
            result = await StepCalls.CallAsync<RollbackStepOutput>(context, OrchestrationNames.Rollback, RetrySettings.Default.ActivityAttempts,
                a => new RollbackStepInput(instance, rollback, input.Districts) { Attempt = a });
        }
        catch (TaskFailedException e)
        {
            context.SetCustomStatus(status with { Phase = "failed" });
            throw new RunFailedException(StepCalls.Reason(e));
        }

        var outcome = new RunOutcome
        {
            Mode = input.Mode,
            State = result.Failure is null ? "completed" : "failed",
            Failure = result.Failure,
            Rollback = result,
            Messages = result.Lines,
        };
        context.SetCustomStatus(status with { Phase = "done" });
        return outcome;
    }

    private static async Task<RunOutcome> PublishAsync(
        TaskOrchestrationContext context, RunInput input, string instance, Guid? runId, List<VerifyOutput> verifications,
        Dictionary<string, DistrictSummary> summaries, RunStatus status, List<string> messages, string? failure, int attempts)
    {
        context.SetCustomStatus((status with { Phase = "reporting", Districts = summaries }).Bounded());
        string? report = null;
        try
        {
            var published = await StepCalls.CallAsync<PublishOutput>(context, OrchestrationNames.PublishReports, attempts,
                a => new PublishInput(instance, runId, verifications.Select(v => v.VerifyId).ToList()) { Attempt = a });
            report = published.Summary;
            if (published.Failure is not null)
            {
                messages.Add($"reports not written: {published.Failure}");
            }
        }
        catch (TaskFailedException e)
        {
            messages.Add($"reports not written: {StepCalls.Reason(e)}");
        }

        var differs = verifications.Any(v => !v.HasParity) || summaries.Values.Any(s => s.State == "differs");
        context.SetCustomStatus((status with { Phase = "done", Districts = summaries }).Bounded());
        return new RunOutcome
        {
            Mode = input.Mode,
            RunId = runId,
            State = failure is not null || summaries.Values.Any(s => s.State == "failed") ? "failed" : differs ? "differs" : "completed",
            Failure = failure ?? (summaries.Values.Any(s => s.State == "failed")
                ? string.Join("; ", summaries.Where(s => s.Value.State == "failed").Select(s => $"{s.Key}: {s.Value.Failure}"))
                : null),
            Districts = summaries,
            Verifications = verifications,
            Messages = messages,
            Report = report,
        };
    }

    /// <summary>An activity call whose non-retried failure fails the run with the activity's reason.</summary>
    private static async Task<T> Step<T>(TaskOrchestrationContext context, string name, int attempts, Func<int, object> input)
    {
        try
        {
            return await StepCalls.CallAsync<T>(context, name, attempts, input);
        }
        catch (TaskFailedException e)
        {
            throw new RunFailedException(StepCalls.Reason(e));
        }
    }
}
