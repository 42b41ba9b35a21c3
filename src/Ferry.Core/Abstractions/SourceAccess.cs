using Ferry.Core.Model;

namespace Ferry.Core.Abstractions;

/// <summary>
/// What the login cannot read of the tables it was asked about: each entry names a table (and column, when only some
/// columns are denied) and the permission that is missing. <see cref="Warning"/> is one line about what the login
/// might not even see (no table can be named for it), or null.
/// </summary>
public sealed record SourceAccess(IReadOnlyList<AccessProblem> Problems, string? Warning = null)
{
    public static SourceAccess Granted { get; } = new([]);
}

/// <summary>One table (or one column of it) the login lacks <see cref="Missing"/> on.</summary>
public sealed record AccessProblem(TableName Table, string? Column, string Missing)
{
    public override string ToString() => $"{Table}{(Column is null ? "" : "." + Column)} (no {Missing})";
}
