using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferry.Orchestration.Tests.Support;

/// <summary>
/// One orchestrator driven through the framework's own executor, episode by episode, with the messages a test hands
/// it: each <see cref="Deliver"/> appends what the runtime would record (the actions of the last episode as scheduled,
/// then the new messages) and returns the actions of the new episode. So an orchestrator's decisions are checked
/// exactly, at the moment they are made, without a runtime's timing.
/// </summary>
public sealed class ScriptedOrchestration
{
    private readonly string _name;
    private readonly List<HistoryEvent> _history = [];
    private IReadOnlyList<OrchestratorAction> _pending = [];

    public ScriptedOrchestration(string name, string instanceId, object input)
    {
        _name = name;
        _history.Add(new OrchestratorStartedEvent(-1));
        _history.Add(new ExecutionStartedEvent(-1, JsonSerializer.Serialize(input))
        {
            Name = name,
            Version = string.Empty,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "e1" },
        });
    }

    /// <summary>The first episode's actions.</summary>
    public IReadOnlyList<OrchestratorAction> Start() => Execute();

    /// <summary>Records the last episode's actions, delivers <paramref name="messages"/>, and returns the new episode's actions.</summary>
    public IReadOnlyList<OrchestratorAction> Deliver(params HistoryEvent[] messages)
    {
        foreach (var action in _pending)
        {
            _history.Add(action switch
            {
                ScheduleTaskOrchestratorAction a => new TaskScheduledEvent(a.Id) { Name = a.Name, Version = a.Version, Input = a.Input },
                SendEventOrchestratorAction a => new EventSentEvent(a.Id) { InstanceId = a.Instance!.InstanceId, Name = a.EventName, Input = a.EventData },
                CreateSubOrchestrationAction a => new SubOrchestrationInstanceCreatedEvent(a.Id) { Name = a.Name, Version = a.Version, InstanceId = a.InstanceId, Input = a.Input },
                CreateTimerOrchestratorAction a => new TimerCreatedEvent(a.Id) { FireAt = a.FireAt },
                _ => throw new InvalidOperationException($"no history event for {action.GetType().Name}"),
            });
        }

        _history.Add(new OrchestratorCompletedEvent(-1));
        _history.Add(new OrchestratorStartedEvent(-1));
        _history.AddRange(messages);
        return Execute();
    }

    /// <summary>Starts a district and answers its planning activity with <paramref name="plan"/>; returns the actions that follow.</summary>
    public IReadOnlyList<OrchestratorAction> StartPlanned(Core.Planning.DistrictPlan plan)
    {
        Start();
        return Deliver(Completed(Scheduled(OrchestrationNames.PlanDistrict), new Steps.PlanOutput(plan)));
    }

    /// <summary>The id of the activity <paramref name="name"/> scheduled last.</summary>
    public int Scheduled(string name) =>
        _pending.OfType<ScheduleTaskOrchestratorAction>().LastOrDefault(a => a.Name == name)?.Id
        ?? _history.OfType<TaskScheduledEvent>().Last(e => e.Name == name).EventId;

    public static HistoryEvent Completed(int scheduledId, object result) => new TaskCompletedEvent(-1, scheduledId, JsonSerializer.Serialize(result));

    public static HistoryEvent Raised(string name, object value) => new EventRaisedEvent(-1, JsonSerializer.Serialize(value)) { Name = name };

    /// <summary>An action's input (the framework passes an activity's input as an array of its one argument).</summary>
    public static T Input<T>(string? json) =>
        (System.Text.Json.Nodes.JsonNode.Parse(json!) is System.Text.Json.Nodes.JsonArray { Count: 1 } arguments ? arguments[0].Deserialize<T>() : JsonSerializer.Deserialize<T>(json!))!;

    /// <summary>The events this episode sends, by name, with their values.</summary>
    public static IReadOnlyList<(string Instance, string Name, T Value)> Sent<T>(IReadOnlyList<OrchestratorAction> actions, string name) =>
        actions.OfType<SendEventOrchestratorAction>().Where(a => a.EventName == name)
            .Select(a => (a.Instance!.InstanceId, name, JsonSerializer.Deserialize<T>(a.EventData!)!)).ToList();

    /// <summary>Runs the orchestrator registered as <paramref name="name"/> over <paramref name="history"/>, as a worker would, through the SDK's shim.</summary>
    public static OrchestratorExecutionResult Replay(IList<HistoryEvent> history, string name)
    {
        var orchestrator = FerryTasks.Orchestrators.Single(o => o.Name == name).Create();
        var shim = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance).CreateOrchestration(name, orchestrator, parent: null);
        return new TaskOrchestrationExecutor(new OrchestrationRuntimeState(history), shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
    }

    private IReadOnlyList<OrchestratorAction> Execute()
    {
        _pending = Replay(_history, _name).Actions.ToList();
        return _pending;
    }
}
