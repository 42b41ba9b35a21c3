namespace Ferry.Engine.Pipeline;

/// <summary>
/// The integer keys a parent table holds, one bit per value between its smallest and largest key. Lets the load
/// check a child's reference by its legacy value while it streams, instead of an anti-join that reads the whole
/// child table before the first batch: the parent's key alone is far less to read. Bounded by
/// <see cref="MaxSpan"/> (4 MB of bits).
/// </summary>
internal sealed class ParentKeySet
{
    public const long MaxSpan = 32L << 20;

    private readonly long _min;
    private readonly long _max;
    private readonly ulong[] _bits;

    public ParentKeySet(long min, long max)
    {
        if (max < min || (Int128)max - min >= MaxSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"key span {min}..{max} exceeds {MaxSpan} values");
        }

        _min = min;
        _max = max;
        _bits = new ulong[((max - min) >> 6) + 1];
    }

    public void Add(long key)
    {
        if (key < _min || key > _max)
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"key {key} lies outside the span {_min}..{_max} the set was made for");
        }

        var offset = (ulong)(key - _min);
        _bits[offset >> 6] |= 1UL << (int)(offset & 63);
    }

    public bool Contains(long key)
    {
        // Keys below the minimum wrap to huge offsets, so one comparison rejects both sides.
        var offset = (ulong)(key - _min);
        return offset < (ulong)_bits.Length << 6 && (_bits[offset >> 6] & (1UL << (int)(offset & 63))) != 0;
    }
}
