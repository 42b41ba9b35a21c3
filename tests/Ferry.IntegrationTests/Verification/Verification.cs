using Ferry.Core.Configuration;
using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.Engine.Verification;

namespace Ferry.IntegrationTests.Verification;

/// <summary>Runs a verification in process, as <c>dm verify</c> does.</summary>
internal static class Verification
{
    public static async Task<VerificationResult> RunAsync(MigrationConfig config, IReadOnlyCollection<string>? entities = null, int samples = 20, VerifyOptions? options = null)
    {
        var context = await MigrationContext.ResolveAsync(config, [], entities ?? [], CancellationToken.None);
        return await new Verifier(new Silent()).VerifyAsync(context, (options ?? new VerifyOptions()) with { Samples = samples }, CancellationToken.None);
    }

    public static EntityReconciliation Entity(this VerificationResult result, string district, string entity) =>
        result.Entities.Single(e => e.District == district && e.Entity == entity);

    private sealed class Silent : IVerifyObserver
    {
        public void EntityVerified(EntityReconciliation result)
        {
        }
    }
}
