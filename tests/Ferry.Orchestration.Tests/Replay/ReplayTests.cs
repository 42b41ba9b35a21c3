using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Ferry.Orchestration.Tests.Support;

namespace Ferry.Orchestration.Tests.Replay;

/// <summary>
/// Orchestrations in flight survive a deployment: histories recorded on the self-hosted runtime by earlier builds (in
/// <c>Fixtures/</c>: a completed district of 21 entities under versions 1, 2 and 3, a version 2 run of two such
/// districts, and a version 3 run of three whose first district to finish left its slot to another, a version 4 run of three and its
/// first district, which asked for and was lent slots and loaded entities of several batches, finishing each by an activity) replay against this build's registration of their version without a nondeterminism failure and
/// come to the same end.
/// </summary>
public sealed class ReplayTests
{
    [Theory]
    [InlineData("FerryDistrictV1.d002.history.json", OrchestrationNames.DistrictV1)]
    [InlineData("FerryDistrictV2.d002.history.json", OrchestrationNames.DistrictV2)]
    [InlineData("FerryRunV2.history.json", OrchestrationNames.RunV2)]
    [InlineData("FerryDistrictV3.d001.history.json", OrchestrationNames.DistrictV3)]
    [InlineData("FerryRunV3.history.json", OrchestrationNames.RunV3)]
    [InlineData("FerryDistrictV4.d001.history.json", OrchestrationNames.DistrictV4)]
    [InlineData("FerryRunV4.history.json", OrchestrationNames.RunV4)]
    public void A_history_recorded_by_an_earlier_build_replays_to_the_same_outcome(string fixture, string orchestrator)
    {
        var recorded = RecordedHistory.Load(fixture);
        var completed = Assert.IsType<ExecutionCompletedEvent>(recorded.Single(e => e is ExecutionCompletedEvent));
        var past = recorded.TakeWhile(e => e is not ExecutionCompletedEvent).ToList();
        Assert.Contains(past, e => e is TaskCompletedEvent);

        var result = ScriptedOrchestration.Replay(past, orchestrator);

        var complete = Assert.Single(result.Actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Completed, complete.OrchestrationStatus);
        // The same end in everything but a district's rate, which later builds measure over a moving window of the
        // replayed clock rather than since the district started.
        Assert.Equal(WithoutRates(completed.Result), WithoutRates(complete.Result));
        Assert.DoesNotContain(result.Actions, a => a is ScheduleTaskOrchestratorAction or CreateSubOrchestrationAction);
    }

    [Fact]
    public void A_history_whose_recorded_steps_differ_from_the_code_fails_the_replay()
    {
        // The same history with its first activity renamed, as if recorded by code that planned differently:
        // the replay must refuse it rather than carry on from a history it does not match.
        var past = RecordedHistory.Load("FerryDistrictV1.d002.history.json").TakeWhile(e => e is not ExecutionCompletedEvent).ToList();
        var first = past.OfType<TaskScheduledEvent>().First();
        past[past.IndexOf(first)] = new TaskScheduledEvent(first.EventId) { Name = "FerryPlanDistrictV0", Version = first.Version, Input = first.Input };

        var result = ScriptedOrchestration.Replay(past, OrchestrationNames.DistrictV1);

        var complete = Assert.Single(result.Actions.OfType<OrchestrationCompleteOrchestratorAction>());
        Assert.Equal(OrchestrationStatus.Failed, complete.OrchestrationStatus);
        Assert.Contains("FerryPlanDistrictV0", complete.Result + complete.Details + complete.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    private static string WithoutRates(string? outcome)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(outcome ?? "null")!;
        Strip(node);
        return node.ToJsonString();

        static void Strip(System.Text.Json.Nodes.JsonNode? n)
        {
            if (n is System.Text.Json.Nodes.JsonObject o)
            {
                o.Remove("RowsPerSecond");
                foreach (var (_, child) in o.ToList())
                {
                    Strip(child);
                }
            }
            else if (n is System.Text.Json.Nodes.JsonArray a)
            {
                foreach (var child in a)
                {
                    Strip(child);
                }
            }
        }
    }
}
