namespace Ferry.Core.Configuration;

/// <summary>
/// Which legacy tables take part, as glob patterns over <c>schema.table</c> (<c>*</c> any run of characters,
/// <c>?</c> one character, case-insensitive). Exclusions win over inclusions.
/// </summary>
public sealed record EntitySelection(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public static EntitySelection All { get; } = new(["*"], []);

    public bool Matches(string qualifiedName) =>
        Include.Any(p => Glob.IsMatch(p, qualifiedName)) && !Exclude.Any(p => Glob.IsMatch(p, qualifiedName));
}
