using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Ferry.Sample.Config;

/// <summary>
/// The written <c>migration.yaml</c> of a sample, as YamlDotNet serializes it: property order is key order, names are
/// camelCased, absent sections (null) are left out. Connection strings are double-quoted so they read as one value.
/// </summary>
internal sealed record SampleConfigDocument(
    SampleConfigDocument.TargetSection Target,
    string UuidNamespace,
    IReadOnlyList<SampleConfigDocument.DistrictEntry> Districts,
    SampleConfigDocument.EntitiesSection Entities,
    IReadOnlyList<SampleConfigDocument.RelationshipEntry> Relationships,
    IReadOnlyList<string> Keys,
    int BatchSize,
    int Parallelism,
    SampleConfigDocument.ReportsSection? Reports)
{
    public sealed record TargetSection([property: YamlMember(ScalarStyle = ScalarStyle.DoubleQuoted)] string Connection);

    public sealed record DistrictEntry(string Id, string Tenant, SourceSection Source);

    public sealed record SourceSection(string Provider, [property: YamlMember(ScalarStyle = ScalarStyle.DoubleQuoted)] string Connection);

    public sealed record EntitiesSection(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude);

    public sealed record RelationshipEntry(string From, string To);

    public sealed record ReportsSection(
        string? Directory,
        [property: YamlMember(ScalarStyle = ScalarStyle.DoubleQuoted)] string? Connection,
        string? Container);
}
