namespace Ferry.Core.Planning;

/// <summary>Loads that start and finish together: one entity with its batches, or the small entities of one bundle.</summary>
public sealed record WorkGroup(IReadOnlyList<string> Entities, int? Bundle)
{
    /// <summary>Names the group within its district plan (records compare lists by reference; this compares by value).</summary>
    public string Key => Bundle is { } b ? $"bundle#{b}" : Entities[0];

    public override string ToString() => Bundle is { } b ? $"bundle#{b} ({Entities.Count} entities)" : Entities[0];
}
