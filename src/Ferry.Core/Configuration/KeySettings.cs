using Ferry.Core.Model;

namespace Ferry.Core.Configuration;

/// <summary>Key columns for a table that has neither a primary key nor a unique index.</summary>
public sealed record KeySettings(TableName Table, IReadOnlyList<string> Columns);
