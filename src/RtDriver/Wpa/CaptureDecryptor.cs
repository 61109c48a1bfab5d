using RtDriver.Capture;
using RtDriver.Crypto.Frames;

namespace RtDriver.Wpa;

/// <summary>What happened to one capture record.</summary>
public enum FrameOutcome
{
    /// <summary>Not an 802.11 record (or its link header is damaged).</summary>
    NotWireless,
    /// <summary>Control frame, unprotected management frame, or a header too short to parse.</summary>
    NotData,
    /// <summary>Unprotected data frame (EAPOL-Key frames among them are fed to the handshake tracker).</summary>
    Plaintext,
    /// <summary>Protected management frame (802.11w): counted, not decrypted.</summary>
    ProtectedManagement,
    /// <summary>Decrypted and verified.</summary>
    Decrypted,
    /// <summary>Decrypted and verified, but its PN was not fresh: a retransmission a receiver would drop as a replay.</summary>
    DecryptedReplay,
    /// <summary>A verified fragment, held until its MSDU is complete.</summary>
    FragmentHeld,
    /// <summary>Protected data frame for which no key is known.</summary>
    NoKey,
    /// <summary>Every candidate key failed (the status says how: MIC, ICV, malformed, ...).</summary>
    Failed,
}

/// <summary>The result for one record. <see cref="Plaintext"/> (an 802.11 MPDU with Protected cleared)
/// points into the decryptor's buffer and is valid until the next call.</summary>
public readonly record struct FrameResult(long Number, FrameOutcome Outcome, RtCipher? Cipher, RtStatus Status, ReadOnlyMemory<byte> Plaintext);

/// <summary>
/// Decrypts every protected data frame of a capture with the library's frame path (<see cref="FrameKey"/>):
/// pairwise frames with the PTKs of the handshakes seen so far between the two stations (newest first,
/// so frames still under a previous key after a rekey decrypt too), group-addressed frames with the GTKs
/// of their transmitter, WEP and other frames with the keys given. TKIP keys are kept per direction, since
/// the Michael key depends on which side sent the frame. Retransmissions (PN not fresh) are still
/// decrypted — a capture should show them — but reported as <see cref="FrameOutcome.DecryptedReplay"/>.
/// </summary>
public sealed class CaptureDecryptor
{
    private sealed class KeyEntry(FrameKey main, Func<FrameKey> twin)
    {
        public FrameKey Main { get; } = main;
        // A copy whose replay state is cleared before each use: it decrypts retransmissions.
        private FrameKey? _replayFree;
        public FrameKey ReplayFree
        {
            get
            {
                _replayFree ??= twin();
                _replayFree.SetRxPn(ReplayCounters.All, 0);
                return _replayFree;
            }
        }
    }

    private readonly HandshakeTracker? _tracker;
    private readonly List<CaptureKey> _staticKeys;
    private readonly Dictionary<(object Source, bool FromAuthenticator, int KeyId), KeyEntry> _keys = [];
    private readonly Dictionary<(FrameOutcome, RtCipher?, RtStatus), long> _counts = [];
    private byte[] _buffer = new byte[4096];
    private readonly List<(KeyEntry Entry, RtCipher Cipher)> _candidates = [];

    /// <param name="pmk">The PMK (from <see cref="Pmk"/>) for WPA/WPA2 handshakes, or null.</param>
    /// <param name="keys">Keys given directly (WEP, or a known TK/GTK).</param>
    public CaptureDecryptor(byte[]? pmk, IEnumerable<CaptureKey>? keys = null)
    {
        _tracker = pmk is null ? null : new HandshakeTracker(pmk);
        _staticKeys = keys?.ToList() ?? [];
    }

    public HandshakeTracker? Handshakes => _tracker;

    /// <summary>How many records ended in each (outcome, cipher, status).</summary>
    public IReadOnlyDictionary<(FrameOutcome Outcome, RtCipher? Cipher, RtStatus Status), long> Counts => _counts;

    public long Count(FrameOutcome outcome) => _counts.Where(kv => kv.Key.Item1 == outcome).Sum(kv => kv.Value);

    public FrameResult Process(in CaptureRecord record)
    {
        var result = Classify(record);
        var key = (result.Outcome, result.Cipher, result.Status);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
        return result;
    }

    private FrameResult Classify(in CaptureRecord record)
    {
        long n = record.Number;
        if (!WirelessFrame.TryExtract(record.LinkType, record.Data, out var mpdu, out _, out _, record.FcsLength))
            return new FrameResult(n, FrameOutcome.NotWireless, null, RtStatus.MalformedFrame, default);
        var frame = mpdu.Span;
        if (!FrameHeader.TryParse(frame, out var h))
            return new FrameResult(n, FrameOutcome.NotData, null, RtStatus.Ok, default);
        if (!h.IsData)
            return new FrameResult(n, h.Protected ? FrameOutcome.ProtectedManagement : FrameOutcome.NotData, null, RtStatus.Ok, default);
        if (!h.Protected)
        {
            if (IsEapol(frame, h, out var eapol)) Learn(eapol, frame, n);
            return new FrameResult(n, FrameOutcome.Plaintext, null, RtStatus.Ok, default);
        }

        if (!FrameHeader.TryGetKeyId(frame, h, out int keyId, out bool extIv))
            return new FrameResult(n, FrameOutcome.Failed, null, RtStatus.MalformedFrame, default);
        CollectCandidates(frame, h, keyId, extIv);
        if (_candidates.Count == 0)
            return new FrameResult(n, FrameOutcome.NoKey, GuessCipher(frame, h, extIv), RtStatus.NoKey, default);

        if (_buffer.Length < frame.Length) _buffer = new byte[Math.Max(frame.Length, 2 * _buffer.Length)];
        RtStatus firstFailure = RtStatus.Ok;
        RtCipher? failedCipher = null;
        foreach (var (entry, cipher) in _candidates)
        {
            var status = Decrypt(entry.Main, frame, out int written, out bool complete);
            bool replay = false;
            if (status == RtStatus.Replay)
            {
                replay = true;
                status = Decrypt(entry.ReplayFree, frame, out written, out complete);
            }
            if (status == RtStatus.Ok)
            {
                if (!complete)
                    return new FrameResult(n, FrameOutcome.FragmentHeld, cipher, RtStatus.Ok, default);
                var plain = _buffer.AsMemory(0, written);
                if (FrameHeader.TryParse(plain.Span, out var ph) && IsEapol(plain.Span, ph, out var eapol))
                    Learn(eapol, plain.Span, n);
                return new FrameResult(n, replay ? FrameOutcome.DecryptedReplay : FrameOutcome.Decrypted, cipher, RtStatus.Ok, plain);
            }
            // Keep the most telling failure: an integrity failure beats "wrong key id".
            if (firstFailure == RtStatus.Ok || (firstFailure == RtStatus.NoKey && status != RtStatus.NoKey))
            {
                firstFailure = status;
                failedCipher = cipher;
            }
        }
        return new FrameResult(n, FrameOutcome.Failed, failedCipher, firstFailure, default);
    }

    private RtStatus Decrypt(FrameKey key, ReadOnlySpan<byte> frame, out int written, out bool complete)
    {
        var status = key.DecryptMsdu(frame, _buffer, out written, out complete);
        if (key.Cipher == RtCipher.Tkip)
        {
            // A capture is analysed, not defended: trying a wrong (older) key must not trip
            // countermeasures or queue MIC-failure reports.
            while (key.TryDequeueEvent(out _)) { }
            if (key.CountermeasuresActive) key.ClearCountermeasures();
        }
        return status;
    }

    private void CollectCandidates(ReadOnlySpan<byte> frame, in FrameHeader h, int keyId, bool extIv)
    {
        _candidates.Clear();
        var a1 = FrameHeader.Address1(frame);
        var a2 = FrameHeader.Address2(frame);
        if (extIv && _tracker is not null)
        {
            if (FrameHeader.IsGroupAddressed(frame))
            {
                // Group keys of the transmitter first (newest first), then any other with this key id.
                var groups = _tracker.GroupKeys;
                for (int pass = 0; pass < 2; pass++)
                    for (int i = groups.Count - 1; i >= 0; i--)
                    {
                        var g = groups[i];
                        if (g.KeyId != keyId || g.Authenticator.AsSpan().SequenceEqual(a2) != (pass == 0)) continue;
                        _candidates.Add((Entry(g, true, keyId, () => GroupMaterial(g), g.Cipher), g.Cipher));
                    }
            }
            else if (_tracker.Find(a1, a2) is { } session)
            {
                bool fromAuthenticator = session.Authenticator.AsSpan().SequenceEqual(a2);
                for (int i = session.PairwiseKeys.Count - 1; i >= 0; i--)
                {
                    var record = session.PairwiseKeys[i];
                    var cipher = record.Ptk.Cipher;
                    _candidates.Add((Entry(record, fromAuthenticator, keyId, () => record.Ptk.FrameKeyMaterial(fromAuthenticator), cipher), cipher));
                }
            }
        }
        foreach (var k in _staticKeys)
        {
            bool isWep = RtCipherInfo.IsWepCipher(k.Cipher);
            if (isWep == extIv) continue;
            if (k.KeyId is { } id && id != keyId) continue;
            _candidates.Add((Entry(k, true, keyId, () => k.Key, k.Cipher), k.Cipher));
        }
    }

    private KeyEntry Entry(object source, bool fromAuthenticator, int keyId, Func<byte[]> material, RtCipher cipher)
    {
        var k = (source, fromAuthenticator, keyId);
        if (!_keys.TryGetValue(k, out var entry))
        {
            var bytes = material();
            _keys[k] = entry = new KeyEntry(FrameKey.Create(cipher, bytes, keyId), () => FrameKey.Create(cipher, bytes, keyId));
        }
        return entry;
    }

    // A station receives group frames: TK | its own (unused) TX Michael key | the Authenticator's TX key.
    private static byte[] GroupMaterial(GroupKeyRecord g)
    {
        if (g.Cipher != RtCipher.Tkip) return g.Key;
        var m = new byte[32];
        g.Key.AsSpan(0, 16).CopyTo(m);
        g.Key.AsSpan(24, 8).CopyTo(m.AsSpan(16));
        g.Key.AsSpan(16, 8).CopyTo(m.AsSpan(24));
        return m;
    }

    private void Learn(ReadOnlySpan<byte> eapol, ReadOnlySpan<byte> frame, long number)
    {
        if (_tracker is null) return;
        if (EapolKey.TryParse(eapol, out var key, out _))
            _tracker.Process(key!, FrameHeader.Address2(frame), FrameHeader.Address1(frame), number);
    }

    /// <summary>True when the body is LLC/SNAP with EtherType 0x888E (EAPOL); <paramref name="eapol"/> is the 802.1X PDU.</summary>
    public static bool IsEapol(ReadOnlySpan<byte> frame, in FrameHeader h, out ReadOnlySpan<byte> eapol)
    {
        eapol = default;
        var body = frame[h.Length..];
        if (body.Length < 8 + 4 || body[0] != 0xAA || body[1] != 0xAA || body[2] != 0x03 || body[6] != 0x88 || body[7] != 0x8E) return false;
        eapol = body[8..];
        return true;
    }

    // For statistics only: what a frame without a usable key most likely is.
    private static RtCipher? GuessCipher(ReadOnlySpan<byte> frame, in FrameHeader h, bool extIv)
    {
        if (!extIv) return RtCipher.Wep40;
        if (frame.Length < h.Length + 8) return null;
        var iv = frame.Slice(h.Length, 8);
        if (iv[1] == ((iv[0] | 0x20) & 0x7F)) return RtCipher.Tkip; // TKIP WEPSeed
        return iv[2] == 0 ? RtCipher.Ccmp : null;                   // CCMP reserved octet
    }
}
