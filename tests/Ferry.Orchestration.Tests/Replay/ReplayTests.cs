using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Orchestration.Tests.Replay;

/// <summary>
/// Orchestrations in flight survive a deployment: a district orchestration's history recorded on the self-hosted
/// runtime by an earlier build (<c>Fixtures/FerryDistrictV1.d002.history.json</c>: a completed district of 21 entities)
/// replays against this build's <see cref="OrchestrationNames.District"/> without a nondeterminism failure and comes
/// to the same end.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public void A_district_history_recorded_by_an_earlier_build_replays_to_the_same_outcome()
    {
        var recorded = RecordedHistory.Load("FerryDistrictV1.d002.history.json");
        var completed = Assert.IsType<ExecutionCompletedEvent>(recorded.Single(e => e is ExecutionCompletedEvent));
        var past = recorded.TakeWhile(e => e is not ExecutionCompletedEvent).ToList();
        Assert.Contains(past, e => e is TaskCompletedEvent);

        var result = Replay(past);

        var complete = Assert.Single(result.Actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Completed, complete.OrchestrationStatus);
        // The same end in everything but the rate, which this build measures over a moving window of the replayed
        // clock rather than since the district started.
        Assert.Equal(WithoutRate(completed.Result), WithoutRate(complete.Result));
        Assert.True(System.Text.Json.Nodes.JsonNode.Parse(complete.Result ?? "null")!["Summary"]!["RowsPerSecond"]!.GetValue<double>() > 0);
        Assert.DoesNotContain(result.Actions, a => a is ScheduleTaskOrchestratorAction);
    }

    [Fact]
    public void A_history_whose_recorded_steps_differ_from_the_code_fails_the_replay()
    {
        // The same history with its first activity renamed, as if recorded by code that planned differently:
        // the replay must refuse it rather than carry on from a history it does not match.
        var past = RecordedHistory.Load("FerryDistrictV1.d002.history.json").TakeWhile(e => e is not ExecutionCompletedEvent).ToList();
        var first = past.OfType<TaskScheduledEvent>().First();
        past[past.IndexOf(first)] = new TaskScheduledEvent(first.EventId) { Name = "FerryPlanDistrictV0", Version = first.Version, Input = first.Input };

        var result = Replay(past);

        var complete = Assert.Single(result.Actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Failed, complete.OrchestrationStatus);
        Assert.Contains("FerryPlanDistrictV0", complete.Result + complete.Details + complete.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    private static string WithoutRate(string? outcome)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(outcome ?? "null")!;
        node["Summary"]!.AsObject().Remove("RowsPerSecond");
        return node.ToJsonString();
    }

    private static OrchestratorExecutionResult Replay(IList<HistoryEvent> past)
    {
        var state = new OrchestrationRuntimeState(past);
        var orchestrator = FerryTasks.Orchestrators.Single(o => o.Name == OrchestrationNames.District).Create();
        var shim = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance).CreateOrchestration(OrchestrationNames.District, orchestrator, parent: null);
        return new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
    }
}
