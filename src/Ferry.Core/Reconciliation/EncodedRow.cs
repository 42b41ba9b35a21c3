namespace Ferry.Core.Reconciliation;

/// <summary>A row kept for comparison: its legacy key text, its row hash and the hash of each segment (id, then columns).</summary>
public sealed record EncodedRow(string Key, UInt128 Hash, ulong[] Segments);
