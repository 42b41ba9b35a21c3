using Ferry.Core.Abstractions;
using Ferry.Core.Configuration;
using Ferry.Core.Model;

namespace Ferry.Engine.Validation;

/// <summary>
/// What one district's legacy database says about itself, read once for validation: its catalog, its identity, how
/// consistent its reads are and its change position (null when it has no change tracking); or why it could not be read.
/// </summary>
internal sealed record SourceSnapshot(
    DistrictSettings District,
    SourceSchema? Schema,
    SourceFacts? Facts,
    ReadConsistency Consistency,
    string? ChangePosition,
    string? Failure)
{
    public bool Readable => Failure is null;
}
