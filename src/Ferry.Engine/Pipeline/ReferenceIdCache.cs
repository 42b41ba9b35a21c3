namespace Ferry.Engine.Pipeline;

/// <summary>
/// A direct-mapped cache of parent UUIDs by integer key, one per single-column integer reference. References to
/// lookup tables (descriptors, schools, assessments) repeat a few keys millions of times; a hit skips the SHA-1.
/// A miss costs one array probe and overwrites the slot, so there is nothing to evict and memory is fixed.
/// </summary>
internal sealed class ReferenceIdCache
{
    private const int Slots = 4096;
    private readonly long[] _keys = new long[Slots];
    private readonly Guid[] _ids = new Guid[Slots];
    private readonly bool[] _used = new bool[Slots];

    public bool TryGet(long key, out Guid id)
    {
        var slot = (int)((ulong)key & (Slots - 1));
        if (_used[slot] && _keys[slot] == key)
        {
            id = _ids[slot];
            return true;
        }

        id = default;
        return false;
    }

    public void Set(long key, Guid id)
    {
        var slot = (int)((ulong)key & (Slots - 1));
        _keys[slot] = key;
        _ids[slot] = id;
        _used[slot] = true;
    }
}
