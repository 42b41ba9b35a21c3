namespace Ferry.Core.Configuration;

/// <summary>
/// A target service database. Entities whose name matches one of <see cref="Entities"/> are routed here; the
/// single-target form of the configuration becomes one target named <c>default</c> matching everything.
/// </summary>
public sealed record TargetSettings(string Name, string Connection, IReadOnlyList<string> Entities);
