using Ferry.Core.Deltas;
using Ferry.Orchestration;
using Ferry.Orchestration.Steps;
using Microsoft.Azure.Functions.Worker;

namespace Ferry.Functions;

/// <summary>
/// The activities under the names of <see cref="OrchestrationNames"/>, each handing its input to the one method of
/// <see cref="Activities"/> of that name (the engine's unit-of-work step behind it owns transactions and checkpoints).
/// </summary>
public sealed class ActivityFunctions(Activities activities)
{
    [Function(OrchestrationNames.ResolveScope)]
    public Task<ResolvedScope> ResolveScope([ActivityTrigger] ResolveInput input, CancellationToken cancellationToken) => activities.ResolveScopeAsync(input, cancellationToken);

    [Function(OrchestrationNames.StartRun)]
    public Task<StartedRun> StartRun([ActivityTrigger] StartRunInput input, CancellationToken cancellationToken) => activities.StartRunAsync(input, cancellationToken);

    [Function(OrchestrationNames.PlanDistrict)]
    public Task<PlanOutput> PlanDistrict([ActivityTrigger] PlanInput input, CancellationToken cancellationToken) => activities.PlanDistrictAsync(input, cancellationToken);

    [Function(OrchestrationNames.PendingWork)]
    public Task<PendingWorkOutput> PendingWork([ActivityTrigger] PendingWorkInput input, CancellationToken cancellationToken) => activities.PendingWorkAsync(input, cancellationToken);

    [Function(OrchestrationNames.ExecuteWork)]
    public Task<WorkOutput> ExecuteWork([ActivityTrigger] WorkInput input, CancellationToken cancellationToken) => activities.ExecuteWorkAsync(input, cancellationToken);

    [Function(OrchestrationNames.FinishLoad)]
    public Task<FinishLoadOutput> FinishLoad([ActivityTrigger] FinishLoadInput input, CancellationToken cancellationToken) => activities.FinishLoadAsync(input, cancellationToken);

    [Function(OrchestrationNames.Restore)]
    public Task<RestoreOutput> Restore([ActivityTrigger] RestoreInput input, CancellationToken cancellationToken) => activities.RestoreAsync(input, cancellationToken);

    [Function(OrchestrationNames.VerifyDistrict)]
    public Task<VerifyOutput> VerifyDistrict([ActivityTrigger] VerifyInput input, CancellationToken cancellationToken) => activities.VerifyDistrictAsync(input, cancellationToken);

    [Function(OrchestrationNames.FinishRun)]
    public Task<bool> FinishRun([ActivityTrigger] FinishRunInput input, CancellationToken cancellationToken) => activities.FinishRunAsync(input, cancellationToken);

    [Function(OrchestrationNames.PublishReports)]
    public Task<PublishOutput> PublishReports([ActivityTrigger] PublishInput input, CancellationToken cancellationToken) => activities.PublishReportsAsync(input, cancellationToken);

    [Function(OrchestrationNames.Rollback)]
    public Task<RollbackStepOutput> Rollback([ActivityTrigger] RollbackStepInput input, CancellationToken cancellationToken) => activities.RollbackAsync(input, cancellationToken);

    [Function(OrchestrationNames.StartDelta)]
    public Task<StartedDelta> StartDelta([ActivityTrigger] StartDeltaInput input, CancellationToken cancellationToken) => activities.StartDeltaAsync(input, cancellationToken);

    [Function(OrchestrationNames.ApplyDelta)]
    public Task<DistrictDelta> ApplyDelta([ActivityTrigger] ApplyDeltaInput input, CancellationToken cancellationToken) => activities.ApplyDeltaAsync(input, cancellationToken);

    [Function(OrchestrationNames.FinishDelta)]
    public Task<bool> FinishDelta([ActivityTrigger] FinishDeltaInput input, CancellationToken cancellationToken) => activities.FinishDeltaAsync(input, cancellationToken);

    [Function(OrchestrationNames.Scaffold)]
    public Task<ScaffoldOutput> Scaffold([ActivityTrigger] ScaffoldInput input, CancellationToken cancellationToken) => activities.ScaffoldAsync(input, cancellationToken);

    [Function(OrchestrationNames.Validate)]
    public Task<ValidateOutput> Validate([ActivityTrigger] ValidateInput input, CancellationToken cancellationToken) => activities.ValidateAsync(input, cancellationToken);
}
