using Ferry.Core.Reconciliation;
using Ferry.Engine.Running;
using Ferry.IntegrationTests.Engine;

namespace Ferry.IntegrationTests.Verification;

/// <summary>A clean full load of two colliding districts, verified.</summary>
public sealed class CleanLoadVerificationTests : IAsyncLifetime
{
    private MigrationFixture _f = null!;
    private VerificationResult _result = null!;

    public async Task InitializeAsync()
    {
        _f = await MigrationFixture.CreateAsync("verifyclean", districts: 2, students: 300, batchSize: 70);
        var config = _f.Config();
        await MigrationFixture.ScaffoldAsync(config, Path.Combine(_f.Directory, "scaffold"));
        var outcome = await MigrationFixture.RunAsync(config);
        Assert.Equal(RunExit.Completed, outcome.Exit);
        _result = await Verification.RunAsync(config);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public void Every_entity_has_parity()
    {
        var differing = _result.Entities.Where(e => !e.HasParity).Select(e => $"{e.District} {e.Entity}: {e.SourceRows} = {e.TargetRows} + {e.Quarantined}; m{e.Missing} x{e.Extra} c{e.Changed}; {string.Join("; ", e.Samples)}");
        Assert.Empty(differing);
        Assert.True(_result.HasParity);
        Assert.Equal(14, _result.Entities.Count);
    }
}
