namespace Ferry.Engine.Verification;

/// <summary>A key range (Lower, Upper] of the source, as exact key values; null is open.</summary>
internal sealed record SourceRange(object[]? Lower, object[]? Upper);
