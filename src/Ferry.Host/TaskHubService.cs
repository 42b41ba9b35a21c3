using DurableTask.AzureStorage;
using Ferry.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Ferry.Host;

/// <summary>The task hub on Azure Storage (Azurite locally) with the host's settings, shared by its worker and its client.</summary>
public static class TaskHubService
{
    /// <exception cref="ConfigException">The storage setting is missing.</exception>
    public static AzureStorageOrchestrationService Create(DurableHostOptions options, string? connection, ILoggerFactory loggerFactory)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ConfigException($"{DurableHostOptions.StorageSetting} is not set: give the connection string of the storage account that holds the task hub");
        }

        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            WorkerId = options.WorkerId,
            PartitionCount = options.PartitionCount,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = TimeSpan.FromTicks(options.LeaseInterval.Ticks / 3),
            LeaseAcquireInterval = TimeSpan.FromTicks(options.LeaseInterval.Ticks / 3),
            MaxConcurrentTaskActivityWorkItems = options.MaxActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxOrchestrations,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ExtendedSessionsEnabled = options.ExtendedSessions,
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        });
    }
}
