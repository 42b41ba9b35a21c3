namespace Ferry.Orchestration;

/// <summary>
/// The names under which the orchestrators and activities are registered, the same on every host. Each carries its
/// version: a deployment that changes an orchestrator's logic registers it under a new name and keeps the previous
/// one registered until the orchestrations started with it have finished, so a replay never meets code it was not
/// recorded with. Hosts start runs by <see cref="Run"/>.
/// </summary>
public static class OrchestrationNames
{
    /// <summary>A run: one orchestration per request, whatever the mode; its instance id is the run id.</summary>
    public const string Run = "FerryRunV5";

    /// <summary>One district of a run, a sub-orchestration of <see cref="Run"/>.</summary>
    public const string District = "FerryDistrictV5";

    /// <summary>The previous version of <see cref="Run"/>, kept for the runs it started.</summary>
    public const string RunV4 = "FerryRunV4";

    /// <summary>The previous version of <see cref="District"/>, kept for the districts <see cref="RunV4"/> started.</summary>
    public const string DistrictV4 = "FerryDistrictV4";

    /// <summary>The third version of <see cref="Run"/>, kept for the runs it started.</summary>
    public const string RunV3 = "FerryRunV3";

    /// <summary>The third version of <see cref="District"/>, kept for the districts <see cref="RunV3"/> started.</summary>
    public const string DistrictV3 = "FerryDistrictV3";

    /// <summary>The second version of <see cref="Run"/>, kept for the runs it started.</summary>
    public const string RunV2 = "FerryRunV2";

    /// <summary>The second version of <see cref="District"/>, kept for the districts <see cref="RunV2"/> started.</summary>
    public const string DistrictV2 = "FerryDistrictV2";

    /// <summary>The first version of <see cref="Run"/>, kept for the runs it started.</summary>
    public const string RunV1 = "FerryRunV1";

    /// <summary>The first version of <see cref="District"/>, kept for the districts <see cref="RunV1"/> started.</summary>
    public const string DistrictV1 = "FerryDistrictV1";

    public const string ResolveScope = "FerryResolveScopeV1";
    public const string StartRun = "FerryStartRunV1";
    public const string PlanDistrict = "FerryPlanDistrictV1";
    public const string PendingWork = "FerryPendingWorkV1";
    public const string ExecuteWork = "FerryExecuteWorkV1";
    public const string FinishLoad = "FerryFinishLoadV1";
    public const string Restore = "FerryRestoreV1";
    public const string VerifyDistrict = "FerryVerifyDistrictV1";
    public const string FinishRun = "FerryFinishRunV1";
    public const string PublishReports = "FerryPublishReportsV1";
    public const string Rollback = "FerryRollbackV1";
    public const string StartDelta = "FerryStartDeltaV1";
    public const string ApplyDelta = "FerryApplyDeltaV1";
    public const string FinishDelta = "FerryFinishDeltaV1";
    public const string Scaffold = "FerryScaffoldV1";
    public const string Validate = "FerryValidateV1";

    /// <summary>Every orchestrator name this build can replay, current and previous versions.</summary>
    public static IReadOnlyList<string> Orchestrators { get; } = [Run, District, RunV4, DistrictV4, RunV3, DistrictV3, RunV2, DistrictV2, RunV1, DistrictV1];

    /// <summary>The names of a run's orchestration, current and previous versions: what lists of runs look for.</summary>
    public static IReadOnlyList<string> Runs { get; } = [Run, RunV4, RunV3, RunV2, RunV1];
}
