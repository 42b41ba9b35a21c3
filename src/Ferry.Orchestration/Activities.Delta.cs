using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Deltas;
using Ferry.Engine.Deltas;
using Ferry.Engine.Running;
using Ferry.Orchestration.Steps;

namespace Ferry.Orchestration;

public sealed partial class Activities
{
    /// <summary>
    /// <see cref="OrchestrationNames.StartDelta"/>: the engine's delta <c>Start</c> (run recorded, the districts'
    /// leases taken). Refused for a district cut over or held by another live operation.
    /// </summary>
    public async Task<StartedDelta> StartDeltaAsync(StartDeltaInput input, CancellationToken cancellationToken = default)
    {
        var runId = input.ProposedRunId ?? RunIdOf(input.Instance);
        return await LoggedAsync(Event(OrchestrationNames.StartDelta, input.Instance, input.Attempt, runId), async () =>
        {
            await using var engine = await OpenDeltaAsync(input.Scope.Districts ?? [], input.Scope, cancellationToken);
            var ticket = await engine.StartAsync(new DeltaRequest(input.Scope.Districts ?? [], runId), cancellationToken);
            return new StartedDelta(ticket.RunId, ticket.Districts);
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// <see cref="OrchestrationNames.ApplyDelta"/>: the engine's delta <c>ApplyDistrict</c> for one district, in one
    /// target transaction per target database; delivered twice, it returns what it did the first time.
    /// </summary>
    public async Task<DistrictDelta> ApplyDeltaAsync(ApplyDeltaInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.ApplyDelta, input.Instance, input.Attempt, input.RunId, input.District), async () =>
        {
            await using var engine = await OpenDeltaAsync([input.District], input.Scope, cancellationToken);
            return await engine.ApplyDistrictAsync(input.RunId, input.District, cancellationToken);
        }, r => r.Rows, cancellationToken);
    }

    /// <summary><see cref="OrchestrationNames.FinishDelta"/>: the engine's delta <c>Finish</c> (outcome recorded, leases given up).</summary>
    public async Task<bool> FinishDeltaAsync(FinishDeltaInput input, CancellationToken cancellationToken = default)
    {
        return await LoggedAsync(Event(OrchestrationNames.FinishDelta, input.Instance, input.Attempt, input.RunId), async () =>
        {
            await using var engine = await OpenDeltaAsync(input.Scope.Districts ?? [], input.Scope, cancellationToken);
            await engine.FinishAsync(input.RunId, input.State, input.Message, cancellationToken);
            return true;
        }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A delta engine for one step: each step is short and reads its positions from the target databases, so nothing
    /// is kept open between steps (the leases outlive the step by their ttl, and the next step renews them).
    /// </summary>
    private async Task<DeltaEngine> OpenDeltaAsync(IReadOnlyCollection<string> districts, RunScope scope, CancellationToken cancellationToken)
    {
        var cfg = await config.GetAsync(cancellationToken);
        var context = await MigrationContext.ResolveAsync(cfg, districts, scope.Entities ?? [], cancellationToken);
        return await DeltaEngine.OpenAsync(context, cancellationToken, Loggers);
    }

    /// <summary>A run id that is the same for every delivery of a start whose instance id is not itself a GUID.</summary>
    private static Guid RunIdOf(string instance)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("ferry-delta:" + instance))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
