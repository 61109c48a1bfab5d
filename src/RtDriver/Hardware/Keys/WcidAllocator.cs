namespace RtDriver.Hardware.Keys;

/// <summary>
/// Hands out station WCIDs <see cref="KeyTableMap.FirstStationWcid"/>..<see cref="KeyTableMap.LastStationWcid"/>,
/// first free first (Linux allocates the first free slot on station add, docs/hardware.md §8.8). WCIDs 0–31
/// are never handed out: they belong to the shared keys (4·bss + keyid).
/// </summary>
public sealed class WcidAllocator
{
    private readonly bool[] _used = new bool[KeyTableMap.WcidCount];
    private readonly int _first;
    private readonly int _last;

    public WcidAllocator() : this(KeyTableMap.FirstStationWcid, KeyTableMap.LastStationWcid) { }

    /// <summary>A narrower range, for tests of exhaustion.</summary>
    internal WcidAllocator(int first, int last)
    {
        if (first < KeyTableMap.FirstStationWcid || last > KeyTableMap.LastStationWcid || first > last)
            throw RtException.InvalidArgument($"WCID range {first}..{last} is outside {KeyTableMap.FirstStationWcid}..{KeyTableMap.LastStationWcid}");
        _first = first;
        _last = last;
    }

    public int First => _first;
    public int Last => _last;
    public int Capacity => _last - _first + 1;
    public int InUse { get; private set; }

    /// <summary>The lowest free WCID, now marked used; -1 when the range is exhausted.</summary>
    public int Allocate()
    {
        for (int w = _first; w <= _last; w++)
        {
            if (_used[w]) continue;
            _used[w] = true;
            InUse++;
            return w;
        }
        return -1;
    }

    public void Release(int wcid)
    {
        if (wcid < _first || wcid > _last || !_used[wcid]) return; // releasing twice is harmless
        _used[wcid] = false;
        InUse--;
    }

    public bool IsUsed(int wcid) => wcid >= _first && wcid <= _last && _used[wcid];
}
