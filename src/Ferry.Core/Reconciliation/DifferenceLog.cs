namespace Ferry.Core.Reconciliation;

/// <summary>
/// Counts differences of one entity by kind and keeps up to <c>samples</c> of them: those with the smallest keys
/// (ordinal), so the same differences give the same samples whatever order parallel readers find them in.
/// Thread-safe; differences are rare, so one lock is enough.
/// </summary>
public sealed class DifferenceLog(int samples)
{
    private readonly Lock _gate = new();
    private readonly SortedSet<RowDifference> _samples = new(Comparer<RowDifference>.Create(Compare));

    public long Missing { get; private set; }

    public long Extra { get; private set; }

    public long Changed { get; private set; }

    public long Total => Missing + Extra + Changed;

    /// <summary>Counts a difference; true when it is now one of the samples (it may be displaced by a smaller key later).</summary>
    public bool Add(DifferenceKind kind, string key, IReadOnlyList<string>? columns = null, long count = 1)
    {
        lock (_gate)
        {
            switch (kind)
            {
                case DifferenceKind.Missing: Missing += count; break;
                case DifferenceKind.Extra: Extra += count; break;
                default: Changed += count; break;
            }

            if (samples <= 0 || (_samples.Count == samples && string.CompareOrdinal(key, _samples.Max!.Key) > 0))
            {
                return false;
            }

            var sample = new RowDifference(kind, key, columns ?? []);
            _samples.Add(sample);
            if (_samples.Count > samples)
            {
                _samples.Remove(_samples.Max!);
            }

            return _samples.Contains(sample);
        }
    }

    public IReadOnlyList<RowDifference> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    private static int Compare(RowDifference? a, RowDifference? b)
    {
        var byKey = string.CompareOrdinal(a!.Key, b!.Key);
        if (byKey != 0)
        {
            return byKey;
        }

        var byKind = a.Kind.CompareTo(b.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(string.Join(",", a.Columns), string.Join(",", b.Columns));
    }
}
