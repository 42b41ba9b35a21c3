namespace Ferry.Api.Payloads;

/// <summary>What <c>DELETE /api/runs/{id}</c> removed: the run's history and its district sub-orchestrations'.</summary>
public sealed record PurgedRun(string Id, int PurgedInstances);
