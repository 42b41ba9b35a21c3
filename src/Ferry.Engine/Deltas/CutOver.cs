using Ferry.Core.Deltas;
using Ferry.Engine.Running;
using Ferry.Engine.Verification;
using Ferry.Postgres.Control.Deltas;

namespace Ferry.Engine.Deltas;

/// <summary>How a cut-over ended: the final delta, whether the district verified, and the cut-over record when it was made.</summary>
public sealed record CutOverOutcome(DistrictDelta? FinalDelta, bool Parity, CutOver? Record, string? Refusal);

/// <summary>
/// <c>dm cutover</c>: with legacy writes frozen by the operator, a final delta, a verification of the district, and a
/// check that no change reached the legacy database meanwhile (change capture's position unmoved, and the diff-based
/// tables still matching the target); only then is the district marked cut over (later deltas
/// refused). A change that arrived during the verification, or a verification that differs, leaves it not cut over.
/// </summary>
public static class CutOverRunner
{
    public static async Task<CutOverOutcome> RunAsync(MigrationContext context, string districtId, Action<string> line, CancellationToken cancellationToken)
    {
        var district = context.Config.District(districtId);
        DistrictDelta final;
        Guid runId;
        await using (var engine = await DeltaEngine.OpenAsync(context, cancellationToken))
        {
            var outcome = await DeltaRunner.RunAsync(engine, new DeltaRequest([districtId]), line, CancellationToken.None, cancellationToken);
            if (outcome.Exit != RunExit.Completed)
            {
                return new CutOverOutcome(null, false, null, $"the final delta failed: {outcome.Message}");
            }

            final = outcome.Districts.Single();
            runId = outcome.RunId;
        }

        var verification = await new Verifier(new Quiet()).VerifyAsync(context, new VerifyOptions(), cancellationToken);
        line($"verify {verification.VerifyId}: {(verification.HasParity ? "parity" : $"{verification.Entities.Count(e => !e.HasParity)} entity result(s) differ")}");
        var capture = ChangeCaptures.For(district.Source.Provider);
        var adapter = SourceAdapters.For(district.Source.Provider);
        string now;
        await using (var source = await adapter.OpenAsync(district.Source.Connection, cancellationToken))
        {
            now = await capture.PositionAsync(source, cancellationToken);
        }

        if (now != final.To)
        {
            return new CutOverOutcome(final, true, null,
                $"district {districtId}: a change reached the legacy database during the final verification (change position {now}, the final delta ended at {final.To}): freeze legacy writes and run dm cutover again");
        }

        if (!verification.HasParity)
        {
            return new CutOverOutcome(final, false, null, null);
        }

        await using var targets = await TargetDatabases.OpenAsync(context.Config, cancellationToken);
        if (await DiffedSinceAsync(context, district, targets, cancellationToken) is { } table)
        {
            return new CutOverOutcome(final, true, null,
                $"district {districtId}: a change reached the legacy database during the final verification (table {table}, whose deltas are diff-based, no longer matches the target): freeze legacy writes and run dm cutover again");
        }

        CutOver? record = null;
        foreach (var name in targets.Names)
        {
            record = await DeltaLedger.RecordCutOverAsync(targets[name], district.Tenant, districtId, runId, final.To, cancellationToken);
        }

        return new CutOverOutcome(final, true, record, null);
    }

    /// <summary>
    /// The first diff-based table that differs from the target again. Change capture's position does not move for
    /// such tables, so after a verification with parity they are compared once more: any difference is a change made
    /// since.
    /// </summary>
    private static async Task<string?> DiffedSinceAsync(MigrationContext context, Core.Configuration.DistrictSettings district, TargetDatabases targets, CancellationToken cancellationToken)
    {
        var schema = context.Schema(district.Id);
        var adapter = SourceAdapters.For(district.Source.Provider);
        foreach (var entity in context.Entities)
        {
            var table = DeltaEngine.Captured(entity, schema);
            if (table.Tracked)
            {
                continue;
            }

            var verification = new EntityVerification(entity, district, context.Config, adapter, targets[entity.Target], schema, context.Facts.GetValueOrDefault(district.Id));
            var diff = await BucketDiff.FindAsync(verification, context.Config.BatchSize, context.Config.Parallelism, new VerifyOptions().RowsPerBucket, cancellationToken);
            if (diff.Buckets.Count > 0)
            {
                return table.Table.ToString();
            }
        }

        return null;
    }

    private sealed class Quiet : IVerifyObserver
    {
        public void EntityVerified(Core.Reconciliation.EntityReconciliation result)
        {
        }
    }
}
