using System.Text.Json;

namespace Ferry.Orchestration.Status;

/// <summary>
/// A run orchestration's custom status: the mode, the engine's run id once started (the same as the instance id,
/// unless the request resumed an unfinished run of the same scope, whose id it then is), the phase (<c>starting</c>,
/// <c>loading</c>, <c>restoring</c>, <c>verifying</c>, <c>reporting</c>, <c>done</c>) and a summary per district.
/// Each district sub-orchestration publishes its own <see cref="DistrictSummary"/> as its custom status while it works;
/// the run's copy is updated as districts start and finish.
/// </summary>
public sealed record RunStatus
{
    /// <summary>The provider refuses a custom status over 16 KB; failures are cut so the whole stays below this.</summary>
    public const int MaxBytes = 12 * 1024;

    public required string Mode { get; init; }

    public Guid? RunId { get; init; }

    public required string Phase { get; init; }

    public IReadOnlyDictionary<string, DistrictSummary> Districts { get; init; } = new Dictionary<string, DistrictSummary>();

    /// <summary>
    /// This status, or one with failure reasons shortened and then dropped until it fits in <see cref="MaxBytes"/>:
    /// the reasons stay whole in the district's own status and in the run's output.
    /// </summary>
    public RunStatus Bounded()
    {
        if (Size(this) <= MaxBytes)
        {
            return this;
        }

        var shortened = this with { Districts = Districts.ToDictionary(d => d.Key, d => d.Value with { Failure = Cut(d.Value.Failure, 80) }) };
        return Size(shortened) <= MaxBytes
            ? shortened
            : this with { Districts = Districts.ToDictionary(d => d.Key, d => d.Value with { Failure = null }) };
    }

    public static int Size(RunStatus status) => JsonSerializer.SerializeToUtf8Bytes(status).Length;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length] + "...";
}
