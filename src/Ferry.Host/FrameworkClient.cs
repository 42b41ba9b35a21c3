using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Ferry.Host;

/// <summary>
/// The Durable Task SDK's client over the framework's <see cref="TaskHubClient"/> and the Azure Storage provider, so
/// the HTTP handlers and the delta scheduler use the same client type on this host as in the Functions app. Payloads
/// are serialised as the worker's shims serialise them (System.Text.Json). Terminating and purging a run also
/// terminates and purges its district sub-orchestrations (instance ids <c>{run}:{district}</c>). Starting an instance
/// id that is pending or running is refused, never a silent replacement.
/// </summary>
public sealed class FrameworkClient : DurableTaskClient
{
    private static readonly CoreStatus[] Live = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.ContinuedAsNew, CoreStatus.Suspended];

    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubClient _client;
    private readonly DataConverter _converter = JsonDataConverter.Default;

    public FrameworkClient(AzureStorageOrchestrationService service, ILoggerFactory loggerFactory)
        : base("ferry")
    {
        _service = service;
        _client = new TaskHubClient(service, new PayloadConverter(_converter), loggerFactory);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var at = options?.StartAt?.UtcDateTime;
        if (at is { } start)
        {
            await _client.CreateScheduledOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, id, input, start);
        }
        else
        {
            await _client.CreateOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, id, input, null, Live);
        }

        return id;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);

    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var reason = options?.Output is null ? "terminated" : _converter.Serialize(options.Output) ?? "terminated";
        await _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);
        if (options?.Recursive != false)
        {
            foreach (var child in await ChildrenAsync(instanceId, Live, cancellation))
            {
                await _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = child.OrchestrationInstance.InstanceId }, reason);
            }
        }
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _client.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _client.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        return states.FirstOrDefault() is { } state ? Metadata(state, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create<OrchestrationMetadata>(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (CoreStatus)(int)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await _service.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(s => Metadata(s, query.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending } started)
            {
                return started;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { IsCompleted: true } done)
            {
                return done;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purge = (IOrchestrationServicePurgeClient)_service;
        var children = options?.Recursive != false ? await ChildrenAsync(instanceId, null, cancellation) : [];
        var count = 0;
        foreach (var id in children.Select(c => c.OrchestrationInstance.InstanceId).Append(instanceId))
        {
            count += (await purge.PurgeInstanceStateAsync(id)).DeletedInstanceCount;
        }

        return new PurgeResult(count);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purge = (IOrchestrationServicePurgeClient)_service;
        var result = await purge.PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(s => (CoreStatus)(int)s)));
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>The recorded history of one instance, as the framework's events (for tests and diagnostics).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId)
    {
        var json = await _service.GetOrchestrationHistoryAsync(instanceId, null);
        return Newtonsoft.Json.JsonConvert.DeserializeObject<List<HistoryEvent>>(json, new Newtonsoft.Json.JsonSerializerSettings { TypeNameHandling = Newtonsoft.Json.TypeNameHandling.Objects }) ?? [];
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<IReadOnlyList<OrchestrationState>> ChildrenAsync(string instanceId, IReadOnlyCollection<CoreStatus>? statuses, CancellationToken cancellation)
    {
        var children = new List<OrchestrationState>();
        string? token = null;
        do
        {
            var page = await _service.GetOrchestrationWithQueryAsync(
                new CoreQuery { InstanceIdPrefix = instanceId + ":", RuntimeStatus = statuses?.ToList(), PageSize = 100, ContinuationToken = token }, cancellation);
            children.AddRange(page.OrchestrationState);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return children;
    }

    private OrchestrationMetadata Metadata(OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads && state.OrchestrationStatus != CoreStatus.Failed ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = state.FailureDetails is { } f ? new TaskFailureDetails(f.ErrorType, f.ErrorMessage, f.StackTrace, null, null)
                : state.OrchestrationStatus == CoreStatus.Failed ? new TaskFailureDetails("OrchestrationFailed", state.Output ?? "failed", null, null, null) : null,
            DataConverter = _converter,
        };
}
