namespace RtDriver.Crypto.Frames;

/// <summary>
/// The receive replay state of one key: the last accepted PN/TSC/IPN per counter. Counters 0..15
/// are the QoS TIDs, 16 non-QoS data, 17 management frames (802.11 keeps robust management frames
/// on a counter of their own, so a management frame reordered against data is not a false replay).
///
/// The C ABI names 16 as "non-QoS/mgmt": setting 16 sets both 16 and 17, and reading 16 gives the
/// larger of the two, so code written against the contract sees one counter. 17 alone is an
/// rtdriver addition (RT_RX_TID_MGMT). -1 means every counter.
/// </summary>
public sealed class ReplayCounters
{
    public const int Tids = 16;
    public const int NonQos = 16;
    public const int Management = 17;
    public const int Count = 18;
    /// <summary>"All counters" in SetRxPn.</summary>
    public const int All = -1;

    private readonly ulong[] _last = new ulong[Count];

    /// <summary>Last accepted number on counter <paramref name="index"/> (0..17), as used by the frame path.</summary>
    internal ulong this[int index] => _last[index];

    /// <summary>Frame path: is <paramref name="pn"/> fresh on counter <paramref name="index"/>?</summary>
    internal bool IsFresh(int index, ulong pn) => pn > _last[index];

    /// <summary>Frame path: records an accepted number (only ever called after every check passed).
    /// Never moves a counter backwards.</summary>
    internal void Commit(int index, ulong pn)
    {
        if (pn > _last[index]) _last[index] = pn;
    }

    public static bool IsValidTid(int tid) => tid >= All && tid <= Management;

    public void Set(int tid, ulong last)
    {
        if (!IsValidTid(tid))
            throw RtException.InvalidArgument($"replay counter tid {tid} is out of range (-1 = all, 0..15 TIDs, 16 non-QoS/mgmt, 17 mgmt only)");
        if (tid == All) Array.Fill(_last, last);
        else if (tid == NonQos) { _last[NonQos] = last; _last[Management] = last; }
        else _last[tid] = last;
    }

    public ulong Get(int tid)
    {
        if (tid < 0 || tid > Management)
            throw RtException.InvalidArgument($"replay counter tid {tid} is out of range (0..15 TIDs, 16 non-QoS/mgmt, 17 mgmt only)");
        return tid == NonQos ? Math.Max(_last[NonQos], _last[Management]) : _last[tid];
    }

    /// <summary>Copies every counter (tests compare snapshots to prove a failing frame changed nothing).</summary>
    public void CopyTo(Span<ulong> destination) => _last.CopyTo(destination);
}
