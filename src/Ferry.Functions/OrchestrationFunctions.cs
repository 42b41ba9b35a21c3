using Ferry.Orchestration;
using Ferry.Orchestration.Steps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Ferry.Functions;

/// <summary>
/// The orchestrators under the names of <see cref="OrchestrationNames"/>, so the same history replays here and on
/// the self-hosted host. Each hands its context and input to the orchestration library.
/// </summary>
public static class OrchestrationFunctions
{
    [Function(OrchestrationNames.Run)]
    public static Task<RunOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.RunAsync(context, context.GetInput<RunInput>()!);

    [Function(OrchestrationNames.District)]
    public static Task<DistrictOutcome> District([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.DistrictAsync(context, context.GetInput<DistrictInput>()!);

    [Function(OrchestrationNames.RunV4)]
    public static Task<RunOutcome> RunV4([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.RunV4Async(context, context.GetInput<RunInput>()!);

    [Function(OrchestrationNames.DistrictV4)]
    public static Task<DistrictOutcome> DistrictV4([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.DistrictV4Async(context, context.GetInput<DistrictInput>()!);

    [Function(OrchestrationNames.RunV3)]
    public static Task<RunOutcome> RunV3([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.RunV3Async(context, context.GetInput<RunInput>()!);

    [Function(OrchestrationNames.DistrictV3)]
    public static Task<DistrictOutcome> DistrictV3([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.DistrictV3Async(context, context.GetInput<DistrictInput>()!);

    [Function(OrchestrationNames.RunV2)]
    public static Task<RunOutcome> RunV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.RunV2Async(context, context.GetInput<RunInput>()!);

    [Function(OrchestrationNames.DistrictV2)]
    public static Task<DistrictOutcome> DistrictV2([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.DistrictV2Async(context, context.GetInput<DistrictInput>()!);

    [Function(OrchestrationNames.RunV1)]
    public static Task<RunOutcome> RunV1([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.RunV1Async(context, context.GetInput<RunInput>()!);

    [Function(OrchestrationNames.DistrictV1)]
    public static Task<DistrictOutcome> DistrictV1([OrchestrationTrigger] TaskOrchestrationContext context) =>
        Orchestrators.DistrictV1Async(context, context.GetInput<DistrictInput>()!);
}
