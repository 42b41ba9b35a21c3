using Ferry.Core.Model;

namespace Ferry.Core.Casting;

/// <summary>
/// One row of a type-mapping table: a legacy type, the PostgreSQL type it becomes, how its values travel, and
/// why when the choice is not obvious. <see cref="SelectAs"/>, when set, is the expression the source is read
/// through (with <c>{0}</c> standing for the quoted column), for types no client library can read natively.
/// </summary>
public sealed record TypeRule(
    string SourceType,
    Func<SourceColumn, string> TargetType,
    ValueKind Kind,
    string? Why = null,
    string? SelectAs = null,
    Func<SourceColumn, bool>? SelectWhen = null);
