using DurableTask.AzureStorage;
using DurableTask.Core;
using Ferry.Orchestration;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ferry.Host;

/// <summary>
/// The worker: the Durable Task Framework's dispatcher on the task hub, running the orchestrators and activities of
/// <see cref="FerryTasks"/> through the shims that adapt the Durable Task SDK's code to the framework (a fresh shim
/// per execution: shims hold state). Failures cross to the orchestrator as failure details (type and message), which
/// is how it tells a transient failure from another.
/// </summary>
public sealed class DurableWorker(AzureStorageOrchestrationService service, Activities activities, ILoggerFactory loggerFactory) : IHostedService
{
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        _worker = new TaskHubWorker(service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        _worker.AddTaskOrchestrations(FerryTasks.Orchestrators
            .Select(o => (ObjectCreator<TaskOrchestration>)new Creator<TaskOrchestration>(o.Name, () => shims.CreateOrchestration(o.Name, o.Create(), parent: null)))
            .ToArray());
        _worker.AddTaskActivities(FerryTasks.ActivitiesOf(activities)
            .Select(a => (ObjectCreator<TaskActivity>)new Creator<TaskActivity>(a.Name, () => shims.CreateActivity(a.Name, a.Activity)))
            .ToArray());
        await _worker.StartAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null)
        {
            await _worker.StopAsync(isForced: false);
        }
    }

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
