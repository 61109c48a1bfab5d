namespace RtDriver.Crypto.Frames;

/// <summary>
/// A key's TKIP Michael MIC failure events and countermeasures: every failure is queued as a
/// <see cref="KeyEvent"/> for the supplicant (the latest <see cref="EventCapacity"/> are kept);
/// a second failure within <see cref="Window"/> of the previous one turns countermeasures on, and
/// the key then refuses every frame until the supplicant clears them.
/// A struct held in its <see cref="FrameKey"/>: the frame path reads <see cref="Active"/> on
/// every frame, straight from the key object.
/// </summary>
internal struct TkipCountermeasures
{
    /// <summary>Events the queue holds; a new one beyond this drops the oldest.</summary>
    public const int EventCapacity = 16;
    /// <summary>Michael MIC failures closer together than this start countermeasures.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly KeyEvent[] _events;
    private int _head, _count;
    private long _lastFailure;
    private bool _hadFailure;

    public TkipCountermeasures() => _events = new KeyEvent[EventCapacity];

    /// <summary>True after two Michael MIC failures within <see cref="Window"/>, until <see cref="Clear"/>.</summary>
    public bool Active;

    public readonly int PendingEvents => _count;

    /// <summary>Countermeasures off, and the failure history starts afresh.</summary>
    public void Clear()
    {
        Active = false;
        _hadFailure = false;
    }

    /// <summary>Takes the oldest queued event (false when none).</summary>
    public bool TryDequeue(out KeyEvent keyEvent)
    {
        if (_count == 0) { keyEvent = default; return false; }
        keyEvent = _events[_head];
        _head = (_head + 1) % EventCapacity;
        _count--;
        return true;
    }

    /// <summary>Records a Michael MIC failure of the frame whose header starts
    /// <paramref name="header"/> (FC, Duration, A1, A2 are read: <see cref="FrameKey.MicFailureHeaderLength"/>
    /// bytes); starts countermeasures when the previous failure is within the window.</summary>
    public void RecordFailure(TimeProvider clock, ReadOnlySpan<byte> header, int keyId, ulong tsc)
    {
        long now = clock.GetTimestamp();
        bool start = _hadFailure && clock.GetElapsedTime(_lastFailure, now) < Window;
        _hadFailure = true;
        _lastFailure = now;
        if (start) Active = true;
        var e = new KeyEvent(KeyEventType.MichaelMicFailure, FrameHeader.IsGroupAddressed(header), keyId, tsc,
            FrameHeader.Address2(header), start);
        if (_count == EventCapacity) { _head = (_head + 1) % EventCapacity; _count--; }
        _events[(_head + _count) % EventCapacity] = e;
        _count++;
    }
}
