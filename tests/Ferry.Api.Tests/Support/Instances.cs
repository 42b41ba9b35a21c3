using System.Text.Json;
using Ferry.Orchestration;
using Ferry.Orchestration.Status;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Moq;

namespace Ferry.Api.Tests.Support;

/// <summary>Orchestration instances as the durable client returns them, and the mock set-ups that return them.</summary>
public static class Instances
{
    public static OrchestrationMetadata Run(string id, OrchestrationRuntimeStatus status, RunInput? input = null, RunStatus? custom = null, string name = OrchestrationNames.Run) =>
        new(name, id)
        {
            RuntimeStatus = status,
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            LastUpdatedAt = DateTimeOffset.UtcNow,
            SerializedInput = JsonSerializer.Serialize(input ?? new RunInput { Mode = RunModes.Full, Districts = ["d001"] }),
            SerializedCustomStatus = custom is null ? null : JsonSerializer.Serialize(custom),
            DataConverter = JsonDataConverter.Default,
        };

    public static void Has(this Mock<DurableTaskClient> client, OrchestrationMetadata instance) =>
        client.Setup(c => c.GetInstanceAsync(instance.InstanceId, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(instance);

    public static void HasNo(this Mock<DurableTaskClient> client, string id) =>
        client.Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

    /// <summary>Accepts any start and keeps what was started.</summary>
    public static List<(string Id, RunInput Input)> AcceptsStarts(this Mock<DurableTaskClient> client)
    {
        var started = new List<(string, RunInput)>();
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                Assert.Equal(OrchestrationNames.Run, name.Name);
                started.Add((options!.InstanceId!, (RunInput)input!));
            })
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
        return started;
    }
}
