namespace Ferry.Engine.Work;

/// <summary>A load marked finished (false when some batch of it is still pending), and a line for the operator if any.</summary>
public sealed record LoadFinish(bool Finished, string? Note);
