namespace RtDriver.Crypto.Frames;

/// <summary>
/// Reassembles one MSDU from its fragments for <see cref="FrameKey.DecryptMsdu"/>: the first
/// fragment's (plaintext) MAC header, then each fragment's decrypted payload in order, and what
/// the next fragment must continue (sequence number, fragment number, replay counter, transmitter,
/// PN). The key decrypts and checks each fragment (into <see cref="Scratch"/>) before it is
/// appended. Buffers grow on demand and are kept for the key's life.
/// </summary>
internal sealed class FragmentReassembler
{
    /// <summary>First size of each buffer: an MSDU of the 2304 bytes 802.11 allows, with its MAC
    /// header and security overhead, fits without growing.</summary>
    private const int InitialCapacity = 2400;

    private byte[]? _buffer;  // header | payloads so far
    private byte[]? _scratch; // one fragment, decrypted
    private int _length, _headerLength, _sequence, _nextFragment, _replayIndex;
    private ulong _lastPn;
    private bool _active;

    /// <summary>Whether fragment <paramref name="h"/> (number 1 or more) continues the reassembly in
    /// progress exactly: same MSDU (sequence number, replay counter, transmitter), the next fragment
    /// number and, when <paramref name="consecutivePn"/> (suites with replay protection: WEP IVs
    /// need not be consecutive), the next PN.</summary>
    public bool Continues(ReadOnlySpan<byte> input, in FrameHeader h, int replayIndex, ulong pn, bool consecutivePn) =>
        _active && h.SequenceNumber == _sequence && h.FragmentNumber == _nextFragment && replayIndex == _replayIndex
        && FrameHeader.Address2(input).SequenceEqual(FrameHeader.Address2(_buffer))
        && (!consecutivePn || pn == _lastPn + 1);

    /// <summary>The MSDU's MAC header length once fragment <paramref name="h"/> is appended.</summary>
    public int HeaderLength(in FrameHeader h) => h.FragmentNumber == 0 ? h.Length : _headerLength;

    /// <summary>Payload bytes held before fragment <paramref name="h"/>.</summary>
    public int Accumulated(in FrameHeader h) => h.FragmentNumber == 0 ? 0 : _length - _headerLength;

    /// <summary>Where the key decrypts a fragment of <paramref name="length"/> bytes before
    /// <see cref="Append"/>.</summary>
    public byte[] Scratch(int length)
    {
        if (_scratch is null || _scratch.Length < length) _scratch = new byte[Math.Max(length, InitialCapacity)];
        return _scratch;
    }

    /// <summary>Appends the fragment decrypted in <see cref="Scratch"/> (its header, then
    /// <paramref name="payloadLength"/> payload bytes); fragment 0 starts a new MSDU, dropping an
    /// unfinished one.</summary>
    public void Append(in FrameHeader h, int replayIndex, ulong pn, int payloadLength)
    {
        int k = h.FragmentNumber;
        int headerLength = HeaderLength(h), accumulated = Accumulated(h);
        int need = headerLength + accumulated + payloadLength;
        if (_buffer is null || _buffer.Length < need)
        {
            var bigger = new byte[Math.Max(need, Math.Max(InitialCapacity, (_buffer?.Length ?? 0) * 2))];
            if (k != 0 && _buffer is not null) _buffer.AsSpan(0, _length).CopyTo(bigger);
            _buffer = bigger;
        }
        if (k == 0)
        {
            _scratch.AsSpan(0, h.Length).CopyTo(_buffer);
            _headerLength = h.Length;
            _sequence = h.SequenceNumber;
            _replayIndex = replayIndex;
        }
        _scratch.AsSpan(h.Length, payloadLength).CopyTo(_buffer.AsSpan(headerLength + accumulated));
        _length = need;
        _nextFragment = k + 1;
        _lastPn = pn;
        _active = true;
    }

    /// <summary>Ends the reassembly after its last fragment: the MSDU as one unfragmented MPDU
    /// (the first fragment's header with More Fragments and the fragment number cleared, then
    /// every payload). Valid until the next fragment.</summary>
    public Span<byte> Complete()
    {
        _active = false;
        var full = _buffer.AsSpan(0, _length);
        full[1] &= unchecked((byte)~(Ieee80211.FcMoreFragments >> 8));
        full[Ieee80211.SequenceControlOffset] &= unchecked((byte)~Ieee80211.ScFragmentMask);
        return full;
    }
}
