namespace Ferry.Core.Reconciliation;

/// <summary>
/// The rows of one (tenant, entity) that the quarantine says were rejected, by row id, with how many rows of each id
/// were rejected (more than one for a duplicated key), and how many were rejected without an id (their key had a
/// NULL or unreadable column). A verification pass takes its own copy with <see cref="Start"/> and consumes it as it
/// meets source rows: a consumed row is quarantined, a row beyond the recorded count is not. Thread-safe.
/// </summary>
public sealed class QuarantineLedger
{
    private readonly IReadOnlyDictionary<Guid, int> _rejected;

    public QuarantineLedger(IReadOnlyDictionary<Guid, int> rejected, long withoutId)
    {
        _rejected = rejected;
        WithoutId = withoutId;
    }

    public static QuarantineLedger Empty { get; } = new(new Dictionary<Guid, int>(), 0);

    /// <summary>Rejected rows whose key could not be computed.</summary>
    public long WithoutId { get; }

    public int Ids => _rejected.Count;

    public bool Contains(Guid id) => _rejected.ContainsKey(id);

    /// <summary>How many rows with this id were rejected.</summary>
    public int Recorded(Guid id) => _rejected.GetValueOrDefault(id);

    public Pass Start() => new(_rejected);

    /// <summary>One pass over the source: each recorded rejection can account for one source row.</summary>
    public sealed class Pass(IReadOnlyDictionary<Guid, int> rejected)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<Guid, int> _used = [];

        /// <summary>True when a source row with this id is accounted for by a rejection not yet used in this pass.</summary>
        public bool TryConsume(Guid id)
        {
            if (!rejected.TryGetValue(id, out var recorded))
            {
                return false;
            }

            lock (_gate)
            {
                var used = _used.GetValueOrDefault(id);
                if (used >= recorded)
                {
                    return false;
                }

                _used[id] = used + 1;
                return true;
            }
        }
    }
}
