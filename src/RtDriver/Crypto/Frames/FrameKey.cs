using RtDriver.Crypto.Ciphers;

namespace RtDriver.Crypto.Frames;

/// <summary>
/// A software key: one cipher suite, one key id, a TX PN and the RX replay counters; it protects
/// and unprotects complete 802.11 MPDUs (MAC header + body, no FCS) and, at the MSDU level,
/// fragments and reassembles them (<see cref="FragmentReassembler"/>). TKIP's Michael MIC
/// failure events and countermeasures are in <see cref="TkipCountermeasures"/>.
///
/// Rules every operation keeps:
/// - Input and output may be the same memory (in place: same start address); any other overlap
///   is refused (InvalidArgument). Nothing is written past output's length.
/// - Output too small: BufferTooSmall with <c>written</c> = the size needed; nothing else happens.
/// - A frame that fails any check changes no state (the one exception the standard demands: a
///   TKIP Michael MIC failure is recorded for the supplicant and counts for countermeasures).
/// - The frame path allocates nothing; failures carry a reason (<see cref="LastFailureReason"/>).
/// - One key is used by one thread at a time.
/// </summary>
public sealed partial class FrameKey
{
    /// <summary>Longest frame accepted (no 802.11 MPDU comes close; bounds every length computation).</summary>
    public const int MaxFrameLength = 65535;
    /// <summary>Michael MIC failures closer together than this start TKIP countermeasures.</summary>
    public static readonly TimeSpan CountermeasuresWindow = TkipCountermeasures.Window;
    /// <summary>Most fragments of one MSDU (the fragment number is 4 bits).</summary>
    public const int MaxFragments = Ieee80211.ScFragmentMask + 1;
    /// <summary>What a Michael MIC failure report reads of the frame: FC, Duration, A1, A2.</summary>
    internal const int MicFailureHeaderLength = Ieee80211.Address2Offset + Ieee80211.AddressLength;

    private readonly FrameCipher _cipher;
    // The suite's constant shape, read once: the frame path consults these several times per
    // frame, and each was a virtual call.
    private readonly int _msduMic, _secHeader, _trailer;
    private readonly bool _hasReplay, _integrityOnly;
    private readonly ulong _maxPn;
    private readonly ReplayCounters _rx = new();
    private ulong _txPn;

    // A struct, not a reference: the frame path reads its Active flag on every frame.
    private TkipCountermeasures _michael = new();
    private readonly FragmentReassembler _reassembly = new();

    private FrameKey(RtCipher cipher, int keyId, FrameCipher impl)
    {
        Cipher = cipher;
        KeyId = keyId;
        _cipher = impl;
        _msduMic = impl.MsduMicLength;
        _secHeader = impl.SecurityHeaderLength;
        _trailer = impl.TrailerLength;
        _hasReplay = impl.HasReplayProtection;
        _integrityOnly = impl.IsIntegrityOnly;
        _maxPn = impl.MaxPn;
        _txPn = _maxPn == PacketNumber.MaxWepIv ? 0UL : 1UL;
    }

    public RtCipher Cipher { get; }
    public int KeyId { get; }

    /// <summary>Frame-format choices (pre-HT Order bit, SPP A-MSDU). Default: HT-era 802.11-2020 rules.</summary>
    public FrameOptions Options { get; set; }

    /// <summary>The clock for the 60 s countermeasures window (tests inject a fake one).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The receive replay counters (see <see cref="Frames.ReplayCounters"/>).</summary>
    public ReplayCounters ReplayCounters => _rx;

    /// <summary>Why the last failing frame operation on this thread failed (a sentence with the values).</summary>
    public static string LastFailureReason => FrameFailure.Describe();

    internal FrameCipher Implementation => _cipher;

    /// <summary>Key length in bytes each cipher needs (TKIP: TK | TX Michael key | RX Michael key); 0 for an unknown value.</summary>
    public static int KeyLength(RtCipher cipher) => RtCipherInfo.KeyLengthOf(cipher);

    public static bool IsBip(RtCipher cipher) => RtCipherInfo.IsBipCipher(cipher);

    /// <summary>
    /// Creates a key. Throws <see cref="RtException"/> (InvalidArgument, naming the value) for an
    /// unknown cipher, a key of the wrong length, or a key id out of range (0..3; BIP 4..5).
    /// </summary>
    public static FrameKey Create(RtCipher cipher, ReadOnlySpan<byte> key, int keyId)
    {
        int want = KeyLength(cipher);
        if (want == 0)
            throw RtException.InvalidArgument($"unknown cipher {(int)cipher} (known: 1 WEP40, 2 WEP104, 3 TKIP, 4 CCMP, 5 CCMP256, 6 GCMP, 7 GCMP256, 8 BIP_CMAC128, 9 BIP_GMAC128, 10 BIP_GMAC256, 11 BIP_CMAC256)");
        if (key.Length != want)
            throw RtException.InvalidArgument($"key length {key.Length} is wrong for {RtCipherInfo.NameOf(cipher)}: it needs {want} bytes");
        bool bip = IsBip(cipher);
        if (bip ? keyId is < 4 or > 5 : keyId is < 0 or > 3)
            throw RtException.InvalidArgument($"key id {keyId} is out of range for {RtCipherInfo.NameOf(cipher)} ({(bip ? "4..5" : "0..3")})");
        FrameCipher impl = cipher switch
        {
            RtCipher.Wep40 or RtCipher.Wep104 => new WepFrameCipher(key),
            RtCipher.Tkip => new TkipFrameCipher(key),
            RtCipher.Ccmp or RtCipher.Ccmp256 => AeadFrameCipher.Ccmp(key),
            RtCipher.Gcmp or RtCipher.Gcmp256 => AeadFrameCipher.Gcmp(key),
            RtCipher.BipCmac128 or RtCipher.BipCmac256 => BipFrameCipher.Cmac(key),
            _ => BipFrameCipher.Gmac(key),
        };
        return new FrameKey(cipher, keyId, impl);
    }

    // ---- PN / replay state ---------------------------------------------------------------

    /// <summary>Sets the next PN/TSC/IPN to send (48-bit; WEP: the next 24-bit IV).</summary>
    public void SetTxPn(ulong next)
    {
        if (next > _maxPn)
            throw RtException.InvalidArgument($"TX PN 0x{next:x} exceeds the {(_maxPn == PacketNumber.MaxWepIv ? "24-bit WEP IV" : "48-bit PN")} range");
        _txPn = next;
    }

    /// <summary>The PN/TSC/IPN (WEP: IV) the next protected frame gets.</summary>
    public ulong NextTxPn => _txPn;

    /// <summary>Sets the last accepted PN for a TID (0..15), 16 non-QoS/mgmt, 17 mgmt only, -1 all.</summary>
    public void SetRxPn(int tid, ulong last)
    {
        if (last > PacketNumber.Max48)
            throw RtException.InvalidArgument($"RX PN 0x{last:x} exceeds the 48-bit range");
        _rx.Set(tid, last);
    }

    public ulong GetRxPn(int tid) => _rx.Get(tid);

    // ---- events and countermeasures (TKIP) ----------------------------------------------------

    /// <summary>True after two Michael MIC failures within 60 s: the key refuses every frame (State)
    /// until <see cref="ClearCountermeasures"/>.</summary>
    public bool CountermeasuresActive => _michael.Active;

    /// <summary>The supplicant has acted (reported, waited, rekeyed): the key works again and the
    /// failure history starts afresh.</summary>
    public void ClearCountermeasures() => _michael.Clear();

    /// <summary>Takes the oldest queued event (false when none). The queue holds the latest
    /// <see cref="TkipCountermeasures.EventCapacity"/> (16).</summary>
    public bool TryDequeueEvent(out KeyEvent keyEvent) => _michael.TryDequeue(out keyEvent);

    public int PendingEvents => _michael.PendingEvents;

    private void RecordMichaelFailure(ReadOnlySpan<byte> header, ulong tsc) => _michael.RecordFailure(Clock, header, KeyId, tsc);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private RtStatus CheckCountermeasures() => !_michael.Active ? RtStatus.Ok
        : FrameFailure.Set(RtStatus.State, "TKIP countermeasures are active (two Michael MIC failures within 60 s): the supplicant must clear them");

    // ---- protect ---------------------------------------------------------------------------

    /// <summary>Size of the protected form of a plaintext MPDU of <paramref name="plaintextLength"/> bytes (unfragmented).</summary>
    public int ProtectedLength(int plaintextLength) =>
        plaintextLength + _secHeader + _trailer + _msduMic;

    private static bool CheckBuffers(ReadOnlySpan<byte> input, Span<byte> output, out bool inPlace)
    {
        inPlace = false;
        if (!input.Overlaps(output, out int offset)) return true;
        inPlace = offset == 0;
        return inPlace;
    }

    /// <summary>The checks every frame operation opens with: buffers, length, MAC header, the
    /// suite's frame types. Inlined into CheckPlaintext and CheckProtected.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private RtStatus CheckFrame(ReadOnlySpan<byte> input, Span<byte> output, out FrameHeader h, out bool inPlace)
    {
        h = default;
        if (!CheckBuffers(input, output, out inPlace))
            return FrameFailure.Set(RtStatus.InvalidArgument, "input and output overlap without starting at the same address (only exact in-place use is allowed)");
        if (input.Length > MaxFrameLength)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes is longer than any 802.11 MPDU (limit {1})", (ulong)input.Length, MaxFrameLength);
        if (!FrameHeader.TryParse(input, out h, (Options & FrameOptions.PreHtOrderBit) != 0))
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes has no valid data or management MAC header (FC 0x{1:x4})", (ulong)input.Length, input.Length >= 2 ? (ulong)(input[0] | input[1] << 8) : 0);
        if (_cipher is not AeadFrameCipher && _cipher.RefuseFrameType(h) is { } why) // CCMP/GCMP take every data and management frame
            return FrameFailure.Set(RtStatus.MalformedFrame, why + " (FC 0x{0:x4})", h.FrameControl);
        return RtStatus.Ok;
    }

    private RtStatus CheckPlaintext(ReadOnlySpan<byte> input, Span<byte> output, out FrameHeader h, out bool inPlace)
    {
        var s = CheckFrame(input, output, out h, out inPlace);
        if (s != RtStatus.Ok) return s;
        if (h.Protected)
            return FrameFailure.Set(RtStatus.MalformedFrame, "the Protected bit is already set (FC 0x{0:x4}): encrypt takes a plaintext MPDU", h.FrameControl);
        return CheckCountermeasures();
    }

    /// <summary>
    /// Protects one plaintext MPDU (Protected bit clear) with the next TX PN, which then advances:
    /// inserts the security header, sets Protected, appends MIC/ICV (BIP: appends the MME, no
    /// encryption). TKIP computes the Michael MIC of the unfragmented MSDU; a TKIP fragment is
    /// refused (use <see cref="EncryptMsdu"/>).
    /// </summary>
    public RtStatus Encrypt(ReadOnlySpan<byte> input, Span<byte> output, out int written)
    {
        written = 0;
        var s = CheckPlaintext(input, output, out var h, out bool inPlace);
        if (s != RtStatus.Ok) return s;
        bool michael = _msduMic > 0;
        if (michael && h.IsFragment)
            return FrameFailure.Set(RtStatus.MalformedFrame, "TKIP fragment (fragment number {0}, More Fragments {1}): the Michael MIC covers the whole MSDU: use the MSDU-level encrypt (encrypt_msdu)", (ulong)h.FragmentNumber, h.MoreFragments ? 1UL : 0UL);
        int needed = ProtectedLength(input.Length);
        if (output.Length < needed)
        {
            written = needed;
            return FrameFailure.Set(RtStatus.BufferTooSmall, "output of {0} bytes is too small: {1} needed", (ulong)output.Length, (ulong)needed);
        }
        ulong pn = _txPn;
        if (pn > _maxPn)
            return FrameFailure.Set(RtStatus.State, "TX PN space exhausted (next PN 0x{0:x}): install a new key", pn);
        _cipher.Seal(this, input, h, output, inPlace, pn, michael, out written);
        _txPn = AdvancePn(pn, 1);
        return RtStatus.Ok;
    }

    private ulong AdvancePn(ulong pn, int count)
    {
        // WEP's 24-bit IV wraps; 48-bit PNs run out (the next Encrypt reports State).
        ulong next = pn + (ulong)count;
        return _maxPn == PacketNumber.MaxWepIv ? next & PacketNumber.MaxWepIv : next;
    }

    /// <summary>
    /// Protects one MSDU, fragmenting it so no MPDU is longer than <paramref name="maxMpduLength"/>
    /// (header + security header + body + MIC/ICV, no FCS). Input: the MSDU as an unfragmented
    /// plaintext MPDU. TKIP appends the Michael MIC to the MSDU before fragmenting. Fragments are
    /// written back to back into output, their lengths into <paramref name="fragmentLengths"/>;
    /// each gets its own PN in order, fragment number and More Fragments. Every fragment but the
    /// last carries the same, even, number of body bytes. At most 16 fragments.
    /// BufferTooSmall: <c>written</c> = bytes needed, <c>fragmentCount</c> = fragments needed.
    /// </summary>
    public RtStatus EncryptMsdu(ReadOnlySpan<byte> input, int maxMpduLength, Span<byte> output, Span<int> fragmentLengths,
        out int fragmentCount, out int written)
    {
        written = 0; fragmentCount = 0;
        var s = CheckPlaintext(input, output, out var h, out bool inPlace);
        if (s != RtStatus.Ok) return s;
        if (h.IsFragment)
            return FrameFailure.Set(RtStatus.MalformedFrame, "input is already a fragment (fragment number {0}): give the whole MSDU", (ulong)h.FragmentNumber);
        if (_integrityOnly)
            return FrameFailure.Set(RtStatus.InvalidArgument, "BIP protects group-addressed management frames, which are never fragmented: use the MPDU-level encrypt (encrypt)");
        int hl = h.Length, n = input.Length - hl;
        int mic = _msduMic;
        int payload = n + mic;
        int overhead = hl + _secHeader + _trailer;
        int count, maxBody;
        if (maxMpduLength >= overhead + payload) { count = 1; maxBody = payload; }
        else
        {
            maxBody = (maxMpduLength - overhead) & ~1; // every fragment but the last: an even number of octets
            if (maxBody < 2)
                return FrameFailure.Set(RtStatus.InvalidArgument, "fragment limit {0} leaves no room for a body (header and security overhead are {1} bytes)", (ulong)Math.Max(0, maxMpduLength), (ulong)overhead);
            count = (payload + maxBody - 1) / maxBody;
            if (count > MaxFragments)
                return FrameFailure.Set(RtStatus.InvalidArgument, "fragment limit {0} would need {1} fragments (at most {2})", (ulong)maxMpduLength, (ulong)count, MaxFragments);
        }
        int total = count * overhead + payload;
        if (fragmentLengths.Length < count || output.Length < total)
        {
            written = total; fragmentCount = count;
            return FrameFailure.Set(RtStatus.BufferTooSmall, "{0} fragments of {1} bytes in all are needed (output {2} bytes)", (ulong)count, (ulong)total, (ulong)output.Length);
        }
        ulong first = _txPn;
        if (_maxPn != PacketNumber.MaxWepIv && first + (ulong)count - 1 > _maxPn)
            return FrameFailure.Set(RtStatus.State, "TX PN space exhausted (next PN 0x{0:x}, {1} fragments): install a new key", first, (ulong)count);

        Span<byte> micBytes = stackalloc byte[8];
        if (mic > 0) _cipher.ComputeMsduMic(transmit: true, input, h, input.Slice(hl, n), micBytes);
        Span<byte> header = stackalloc byte[hl];
        input.Slice(0, hl).CopyTo(header);
        int stride = overhead + maxBody;
        // Last fragment first: in place, every fragment moves to a higher address than its source,
        // and never over the source of an earlier fragment.
        for (int k = count - 1; k >= 0; k--)
        {
            int start = k * maxBody;
            int len = Math.Min(maxBody, payload - start);
            int pos = k * stride;
            var frag = output.Slice(pos);
            // Payload first (it may move over the header's future place only for k = 0, where it is the same).
            int fromMsdu = Math.Clamp(n - start, 0, len);
            if (fromMsdu > 0) input.Slice(hl + start, fromMsdu).CopyTo(frag.Slice(hl)); // memmove when in place
            if (fromMsdu < len) micBytes.Slice(start + fromMsdu - n, len - fromMsdu).CopyTo(frag.Slice(hl + fromMsdu));
            header.CopyTo(frag);
            ushort fc = (ushort)(h.FrameControl | (k < count - 1 ? Ieee80211.FcMoreFragments : 0));
            ushort sc = (ushort)((h.SequenceControl & ~Ieee80211.ScFragmentMask) | k);
            frag[0] = (byte)fc; frag[1] = (byte)(fc >> 8);
            frag[Ieee80211.SequenceControlOffset] = (byte)sc; frag[Ieee80211.SequenceControlOffset + 1] = (byte)(sc >> 8);
            var hk = h with { FrameControl = fc, SequenceControl = sc };
            int fragLength = overhead + len;
            _cipher.Seal(this, frag.Slice(0, hl + len), hk, frag.Slice(0, fragLength), inPlace: true, AdvancePn(first, k), michael: false, out int w);
            fragmentLengths[k] = w;
        }
        fragmentCount = count;
        written = total;
        _txPn = AdvancePn(first, count);
        return RtStatus.Ok;
    }

    // ---- unprotect -------------------------------------------------------------------------

    // Inlined (Decrypt, the batch): as a call, the 48-byte header and the spans went through memory.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private RtStatus CheckProtected(ReadOnlySpan<byte> input, Span<byte> output, out FrameHeader h, out bool inPlace, out ulong pn)
    {
        pn = 0;
        var s = CheckFrame(input, output, out h, out inPlace);
        if (s != RtStatus.Ok) return s;
        if (h.Protected == _integrityOnly)
            return FrameFailure.Set(RtStatus.MalformedFrame, _integrityOnly
                ? "the Protected bit is set (FC 0x{0:x4}): BIP frames are not encrypted"
                : "the Protected bit is clear (FC 0x{0:x4}): not a protected frame", h.FrameControl);
        // CCMP/GCMP (sealed) called directly so it can inline: the common receive path.
        s = _cipher is AeadFrameCipher aead
            ? aead.ReadSecurityHeader(input, h, out int keyId, out pn)
            : _cipher.ReadSecurityHeader(input, h, out keyId, out pn);
        if (s != RtStatus.Ok) return s;
        if (keyId != KeyId)
            return FrameFailure.Set(RtStatus.NoKey, "the frame's key id {0} does not match this key's id {1}", (ulong)keyId, (ulong)KeyId);
        return CheckCountermeasures();
    }

    private int ReplayIndex(in FrameHeader h) => _integrityOnly ? ReplayCounters.Management : h.ReplayIndex;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private RtStatus CheckReplay(int index, ulong pn)
    {
        if (!_hasReplay || _rx.IsFresh(index, pn)) return RtStatus.Ok;
        return FrameFailure.Set(RtStatus.Replay, "replay: PN {0} is not greater than the last accepted PN {1} on counter {2}", pn, _rx[index], (ulong)index);
    }

    /// <summary>
    /// Verifies and unprotects one MPDU: key id, MIC/ICV and the replay counter of the frame's
    /// TID (QoS data: its TID; other data: 16; management: 17), which it then records. Writes the
    /// plaintext MPDU (Protected cleared; security header, MIC, ICV, MME removed). A TKIP
    /// fragment is refused (use <see cref="DecryptMsdu"/>, which reassembles and checks Michael).
    /// </summary>
    public RtStatus Decrypt(ReadOnlySpan<byte> input, Span<byte> output, out int written)
    {
        written = 0;
        var s = CheckProtected(input, output, out var h, out bool inPlace, out ulong pn);
        if (s != RtStatus.Ok) return s;
        bool michael = _msduMic > 0;
        if (michael && h.IsFragment)
            return FrameFailure.Set(RtStatus.MalformedFrame, "TKIP fragment (fragment number {0}): the Michael MIC covers the whole MSDU: use the MSDU-level decrypt (decrypt_msdu)", (ulong)h.FragmentNumber);
        return DecryptWhole(input, h, output, inPlace, pn, out written);
    }

    // Inlined into Decrypt: a call boundary here spilled the spans and reloaded them with a
    // wider load (a store-forwarding stall on every frame). No stackalloc, so it can inline.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private RtStatus DecryptWhole(ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace, ulong pn, out int written)
    {
        written = 0;
        int mic = _msduMic;
        int needed = input.Length - _secHeader - _trailer - mic;
        if (needed < h.Length)
            return FrameFailure.Set(RtStatus.MalformedFrame, "frame of {0} bytes is too short to hold the {1}-byte Michael MIC", (ulong)input.Length, (ulong)mic);
        if (output.Length < needed)
        {
            written = needed;
            return FrameFailure.Set(RtStatus.BufferTooSmall, "output of {0} bytes is too small: {1} needed", (ulong)output.Length, (ulong)needed);
        }
        int index = ReplayIndex(h);
        var s = CheckReplay(index, pn);
        if (s != RtStatus.Ok) return s;
        s = mic > 0 ? OpenMichael(input, h, output, inPlace, pn, out written)
                    : _cipher.Open(this, input, h, output, inPlace, pn, michael: false, out written);
        if (s != RtStatus.Ok) return s;
        if (_hasReplay) _rx.Commit(index, pn);
        return RtStatus.Ok;
    }

    /// <summary>TKIP Open with the Michael MIC: keeps FC, Duration, A1, A2 (in place, Open
    /// overwrites them) for the MIC failure report.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private RtStatus OpenMichael(ReadOnlySpan<byte> input, in FrameHeader h, Span<byte> output, bool inPlace, ulong pn, out int written)
    {
        Span<byte> header = stackalloc byte[MicFailureHeaderLength];
        input.Slice(0, MicFailureHeaderLength).CopyTo(header);
        var s = _cipher.Open(this, input, h, output, inPlace, pn, michael: true, out written);
        if (s == RtStatus.Mic) RecordMichaelFailure(header, pn);
        return s;
    }

    /// <summary>
    /// Receives one MPDU that may be a fragment. An unfragmented MPDU is decrypted as by
    /// <see cref="Decrypt"/> (<paramref name="complete"/> = true). A fragment is decrypted and
    /// checked (ICV/MIC) on its own and held in the key: fragment 0 starts a reassembly (dropping
    /// an unfinished one), each next fragment must have the same sequence number, the next fragment
    /// number, the same TID and transmitter and the next PN; then Ok with <c>written</c> = 0 and
    /// <paramref name="complete"/> = false. The last fragment completes the MSDU: for TKIP the
    /// Michael MIC is checked over the reassembled MSDU; output gets the MSDU as one unfragmented
    /// plaintext MPDU (first fragment's header, fragment number 0, More Fragments clear). The
    /// replay counter moves to the last fragment's PN only when the whole MSDU is accepted.
    /// </summary>
    public RtStatus DecryptMsdu(ReadOnlySpan<byte> input, Span<byte> output, out int written, out bool complete)
    {
        written = 0; complete = false;
        var s = CheckProtected(input, output, out var h, out bool inPlace, out ulong pn);
        if (s != RtStatus.Ok) return s;
        if (!h.IsFragment)
        {
            s = DecryptWhole(input, h, output, inPlace, pn, out written);
            complete = s == RtStatus.Ok;
            return s;
        }
        int k = h.FragmentNumber;
        int index = ReplayIndex(h);
        // Every fragment must be fresh against the counter (a frame accepted in between with a
        // higher PN makes the rest of this MSDU stale), and continue the reassembly exactly.
        if (k != 0 && !_reassembly.Continues(input, h, index, pn, consecutivePn: _hasReplay))
            return FrameFailure.Set(RtStatus.MalformedFrame, "fragment {0} of sequence {1} (PN {2}) does not continue a reassembly in progress", (ulong)k, (ulong)h.SequenceNumber, pn);
        s = CheckReplay(index, pn);
        if (s != RtStatus.Ok) return s;
        int fragPayload = input.Length - h.Length - _secHeader - _trailer;
        int headerLength = _reassembly.HeaderLength(h);
        int accumulated = _reassembly.Accumulated(h);
        int mic = _msduMic;
        bool last = !h.MoreFragments;
        int msdu = accumulated + fragPayload - mic;
        if (last && msdu < 0)
            return FrameFailure.Set(RtStatus.MalformedFrame, "reassembled MSDU of {0} bytes is too short to hold the Michael MIC", (ulong)(accumulated + fragPayload));
        if (last && output.Length < headerLength + msdu)
        {
            written = headerLength + msdu;
            return FrameFailure.Set(RtStatus.BufferTooSmall, "output of {0} bytes is too small for the reassembled MSDU: {1} needed", (ulong)output.Length, (ulong)written);
        }
        // Decrypt this fragment into scratch (its own ICV/MIC), then append its payload.
        s = _cipher.Open(this, input, h, _reassembly.Scratch(input.Length), inPlace: false, pn, michael: false, out _);
        if (s != RtStatus.Ok) return s;
        _reassembly.Append(h, index, pn, fragPayload);
        if (!last) return RtStatus.Ok;

        // Last fragment: the MSDU is complete.
        var full = _reassembly.Complete();
        if (mic > 0)
        {
            FrameHeader.TryParse(full.Slice(0, headerLength), out var h0, (Options & FrameOptions.PreHtOrderBit) != 0);
            Span<byte> expected = stackalloc byte[8];
            _cipher.ComputeMsduMic(transmit: false, full, h0, full.Slice(headerLength, msdu), expected);
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, full.Slice(headerLength + msdu, mic)))
            {
                RecordMichaelFailure(full, pn);
                return FrameFailure.Set(RtStatus.Mic, "TKIP Michael MIC mismatch on the reassembled MSDU (last TSC {0}, key id {1})", pn, (ulong)KeyId);
            }
        }
        full.Slice(0, headerLength + msdu).CopyTo(output);
        written = headerLength + msdu;
        complete = true;
        if (_hasReplay) _rx.Commit(index, pn);
        return RtStatus.Ok;
    }
}
