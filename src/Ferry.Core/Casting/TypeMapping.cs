namespace Ferry.Core.Casting;

/// <summary>The resolved mapping of one legacy column type.</summary>
public sealed record TypeMapping(string TargetType, ValueKind Kind, string? SelectAs);
