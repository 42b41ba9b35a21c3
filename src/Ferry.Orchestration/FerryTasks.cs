using Ferry.Core.Deltas;
using Ferry.Orchestration.Steps;
using Microsoft.DurableTask;

namespace Ferry.Orchestration;

/// <summary>
/// Every orchestrator and activity by name, as a host registers them: the self-hosted host wraps each in the
/// framework's shims, the tests' in-process host adds them to its registry. The Functions app declares the same
/// names with its own trigger attributes, calling <see cref="Orchestrators"/> and <see cref="Activities"/>.
/// </summary>
public static class FerryTasks
{
    public static IReadOnlyList<(string Name, Func<ITaskOrchestrator> Create)> Orchestrators { get; } =
    [
        (OrchestrationNames.Run, () => new DelegateOrchestrator<RunInput, RunOutcome>(Ferry.Orchestration.Orchestrators.RunAsync)),
        (OrchestrationNames.District, () => new DelegateOrchestrator<DistrictInput, DistrictOutcome>(Ferry.Orchestration.Orchestrators.DistrictAsync)),
        (OrchestrationNames.RunV4, () => new DelegateOrchestrator<RunInput, RunOutcome>(Ferry.Orchestration.Orchestrators.RunV4Async)),
        (OrchestrationNames.DistrictV4, () => new DelegateOrchestrator<DistrictInput, DistrictOutcome>(Ferry.Orchestration.Orchestrators.DistrictV4Async)),
        (OrchestrationNames.RunV3, () => new DelegateOrchestrator<RunInput, RunOutcome>(Ferry.Orchestration.Orchestrators.RunV3Async)),
        (OrchestrationNames.DistrictV3, () => new DelegateOrchestrator<DistrictInput, DistrictOutcome>(Ferry.Orchestration.Orchestrators.DistrictV3Async)),
        (OrchestrationNames.RunV2, () => new DelegateOrchestrator<RunInput, RunOutcome>(Ferry.Orchestration.Orchestrators.RunV2Async)),
        (OrchestrationNames.DistrictV2, () => new DelegateOrchestrator<DistrictInput, DistrictOutcome>(Ferry.Orchestration.Orchestrators.DistrictV2Async)),
        (OrchestrationNames.RunV1, () => new DelegateOrchestrator<RunInput, RunOutcome>(Ferry.Orchestration.Orchestrators.RunV1Async)),
        (OrchestrationNames.DistrictV1, () => new DelegateOrchestrator<DistrictInput, DistrictOutcome>(Ferry.Orchestration.Orchestrators.DistrictV1Async)),
    ];

    /// <summary>The activities, each bound to <paramref name="activities"/>.</summary>
    public static IReadOnlyList<(string Name, ITaskActivity Activity)> ActivitiesOf(Activities activities) =>
    [
        (OrchestrationNames.ResolveScope, new DelegateActivity<ResolveInput, ResolvedScope>(i => activities.ResolveScopeAsync(i))),
        (OrchestrationNames.StartRun, new DelegateActivity<StartRunInput, StartedRun>(i => activities.StartRunAsync(i))),
        (OrchestrationNames.PlanDistrict, new DelegateActivity<PlanInput, PlanOutput>(i => activities.PlanDistrictAsync(i))),
        (OrchestrationNames.PendingWork, new DelegateActivity<PendingWorkInput, PendingWorkOutput>(i => activities.PendingWorkAsync(i))),
        (OrchestrationNames.ExecuteWork, new DelegateActivity<WorkInput, WorkOutput>(i => activities.ExecuteWorkAsync(i))),
        (OrchestrationNames.FinishLoad, new DelegateActivity<FinishLoadInput, FinishLoadOutput>(i => activities.FinishLoadAsync(i))),
        (OrchestrationNames.Restore, new DelegateActivity<RestoreInput, RestoreOutput>(i => activities.RestoreAsync(i))),
        (OrchestrationNames.VerifyDistrict, new DelegateActivity<VerifyInput, VerifyOutput>(i => activities.VerifyDistrictAsync(i))),
        (OrchestrationNames.FinishRun, new DelegateActivity<FinishRunInput, bool>(i => activities.FinishRunAsync(i))),
        (OrchestrationNames.PublishReports, new DelegateActivity<PublishInput, PublishOutput>(i => activities.PublishReportsAsync(i))),
        (OrchestrationNames.Rollback, new DelegateActivity<RollbackStepInput, RollbackStepOutput>(i => activities.RollbackAsync(i))),
        (OrchestrationNames.StartDelta, new DelegateActivity<StartDeltaInput, StartedDelta>(i => activities.StartDeltaAsync(i))),
        (OrchestrationNames.ApplyDelta, new DelegateActivity<ApplyDeltaInput, DistrictDelta>(i => activities.ApplyDeltaAsync(i))),
        (OrchestrationNames.FinishDelta, new DelegateActivity<FinishDeltaInput, bool>(i => activities.FinishDeltaAsync(i))),
        (OrchestrationNames.Scaffold, new DelegateActivity<ScaffoldInput, ScaffoldOutput>(i => activities.ScaffoldAsync(i))),
        (OrchestrationNames.Validate, new DelegateActivity<ValidateInput, ValidateOutput>(i => activities.ValidateAsync(i))),
    ];

    /// <summary>An orchestrator given as a method.</summary>
    public sealed class DelegateOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    /// <summary>An activity given as a method.</summary>
    public sealed class DelegateActivity<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
