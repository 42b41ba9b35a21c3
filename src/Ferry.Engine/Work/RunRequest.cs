namespace Ferry.Engine.Work;

/// <summary>
/// What a run does beyond its scope (the districts and entities of the engine's context): a dry run writes nothing;
/// <see cref="KeepIndexes"/> keeps the indexes of tables loaded from empty; <see cref="AcceptSourceChange"/> names the
/// districts whose legacy database may have a new identity (restored, failed over).
/// </summary>
public sealed record RunRequest
{
    public bool DryRun { get; init; }

    public bool KeepIndexes { get; init; }

    public IReadOnlySet<string> AcceptSourceChange { get; init; } = new HashSet<string>();

    /// <summary>
    /// The id a new run gets (a durable orchestration's instance id, so its run id and its orchestration's match);
    /// ignored when an unfinished run of the same scope is resumed, whose id is kept. None: a new time-ordered id.
    /// </summary>
    public Guid? RunId { get; init; }
}
