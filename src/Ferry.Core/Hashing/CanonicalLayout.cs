using Ferry.Core.Planning;
using Ferry.Core.Quarantine;

namespace Ferry.Core.Hashing;

/// <summary>The canonical rules of every mapped column of one entity, in mapping order, and the sentinel dates.</summary>
public sealed class CanonicalLayout
{
    private readonly HashSet<DateOnly> _sentinels;

    public CanonicalLayout(IReadOnlyList<CanonicalColumn> columns, IEnumerable<DateOnly> sentinels)
    {
        Columns = columns;
        _sentinels = [.. sentinels];
    }

    public IReadOnlyList<CanonicalColumn> Columns { get; }

    public bool IsSentinel(DateOnly date) => _sentinels.Contains(date);

    public static CanonicalLayout For(EntityMapping entity, QuarantinePolicies policies) =>
        new(entity.Columns.Select(c => CanonicalColumn.For(c, policies)).ToList(), policies.SentinelDates);
}
