using System.Security.Cryptography;

namespace RtDriver.Wpa;

/// <summary>A pairwise key established by a verified handshake.</summary>
/// <param name="FrameNumber">Capture frame whose MIC proved the key (message 2 or 3).</param>
public sealed record PairwiseKeyRecord(PairwiseTransientKey Ptk, long FrameNumber);

/// <summary>A group key learnt from message 3 or group key message 1.</summary>
public sealed record GroupKeyRecord(byte[] Authenticator, int KeyId, RtCipher Cipher, byte[] Key, long FrameNumber);

/// <summary>What one EAPOL-Key frame taught the tracker.</summary>
public enum HandshakeOutcome
{
    Ignored,
    Noted,
    NewPairwiseKey,
    NewGroupKey,
    NewPairwiseAndGroupKey,
    MicFailed,
}

/// <summary>
/// One Authenticator–Supplicant association: the nonces seen, the negotiated suites, and every PTK a
/// verified handshake produced (oldest first; rekeys append, so frames still protected by an older
/// key can be decrypted too).
/// </summary>
public sealed class HandshakeSession
{
    internal HandshakeSession(byte[] authenticator, byte[] supplicant) { Authenticator = authenticator; Supplicant = supplicant; }
    public byte[] Authenticator { get; }
    public byte[] Supplicant { get; }
    internal byte[]? ANonce;
    internal readonly List<byte[]> SNonces = [];
    internal SecurityElement? Element;
    public List<PairwiseKeyRecord> PairwiseKeys { get; } = [];
}

/// <summary>
/// Follows 4-way and group key handshakes (WPA1 and RSN) in a capture, for any number of stations,
/// and derives each PTK from the PMK — accepting it only when the MIC of message 2 or 3 verifies
/// with it — then unwraps GTKs from message 3 (AES key wrap, or RC4 for descriptor version 1) and from
/// group key message 1. Feed it every plaintext EAPOL-Key frame, including those that arrived
/// encrypted and were decrypted (WPA1 sends the group key handshake under the PTK).
/// </summary>
public sealed class HandshakeTracker
{
    private const int MaxSNoncesKept = 4;
    private readonly byte[] _pmk;
    private readonly Dictionary<(ulong Authenticator, ulong Supplicant), HandshakeSession> _sessions = [];
    private readonly List<GroupKeyRecord> _groupKeys = [];

    public HandshakeTracker(ReadOnlySpan<byte> pmk)
    {
        if (pmk.Length != Pmk.Length) throw RtException.InvalidArgument($"PMK must be {Pmk.Length} bytes, got {pmk.Length}");
        _pmk = pmk.ToArray();
    }

    public IEnumerable<HandshakeSession> Sessions => _sessions.Values;
    public IReadOnlyList<GroupKeyRecord> GroupKeys => _groupKeys;

    /// <summary>The session between two stations (either order), if a handshake between them was seen.</summary>
    public HandshakeSession? Find(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        ulong x = Mac(a), y = Mac(b);
        if (_sessions.TryGetValue((x, y), out var s)) return s;
        return _sessions.TryGetValue((y, x), out s) ? s : null;
    }

    /// <summary>Processes an EAPOL-Key frame sent by <paramref name="transmitter"/> to <paramref name="receiver"/>.</summary>
    public HandshakeOutcome Process(EapolKey key, ReadOnlySpan<byte> transmitter, ReadOnlySpan<byte> receiver, long frameNumber)
    {
        var message = key.Message;
        if (message == EapolKeyMessage.Unknown) return HandshakeOutcome.Ignored;
        bool fromAuthenticator = key.Has(KeyInfo.Ack);
        var aa = fromAuthenticator ? transmitter : receiver;
        var spa = fromAuthenticator ? receiver : transmitter;
        var session = GetOrAdd(aa, spa);
        if (SecurityElement.TryFind(key.KeyData.Span, out var element) && !key.Has(KeyInfo.EncryptedKeyData))
            session.Element ??= element;

        switch (message)
        {
            case EapolKeyMessage.Pairwise1:
                session.ANonce = key.Nonce.ToArray();
                return HandshakeOutcome.Noted;

            case EapolKeyMessage.Pairwise2:
            case EapolKeyMessage.Pairwise4 when !key.NonceIsZero:
            {
                var sNonce = key.Nonce.ToArray();
                if (!session.SNonces.Any(n => n.AsSpan().SequenceEqual(sNonce)))
                {
                    session.SNonces.Insert(0, sNonce);
                    if (session.SNonces.Count > MaxSNoncesKept) session.SNonces.RemoveAt(MaxSNoncesKept);
                }
                if (session.ANonce is null) return HandshakeOutcome.Noted;
                var ptk = TryDerive(session, key, session.ANonce, sNonce);
                if (ptk is null) return HandshakeOutcome.MicFailed;
                return AddPtk(session, ptk, frameNumber) ? HandshakeOutcome.NewPairwiseKey : HandshakeOutcome.Noted;
            }

            case EapolKeyMessage.Pairwise3:
            {
                var aNonce = key.Nonce.ToArray();
                session.ANonce = aNonce;
                PairwiseTransientKey? ptk = null;
                foreach (var sNonce in session.SNonces)
                    if ((ptk = TryDerive(session, key, aNonce, sNonce)) is not null) break;
                if (ptk is null)
                {
                    // No SNonce seen (message 2 missed), or it did not verify: an existing PTK may still
                    // match (a retransmitted message 3) — use it to read the GTK.
                    ptk = session.PairwiseKeys.Select(r => r.Ptk).LastOrDefault(p => EapolKeyMic.Verify(key, p.Kck));
                    if (ptk is null) return session.SNonces.Count == 0 ? HandshakeOutcome.Noted : HandshakeOutcome.MicFailed;
                }
                bool newPtk = AddPtk(session, ptk, frameNumber);
                bool newGtk = key.Has(KeyInfo.EncryptedKeyData) && TakeGroupKey(session, key, ptk, frameNumber);
                return (newPtk, newGtk) switch
                {
                    (true, true) => HandshakeOutcome.NewPairwiseAndGroupKey,
                    (true, false) => HandshakeOutcome.NewPairwiseKey,
                    (false, true) => HandshakeOutcome.NewGroupKey,
                    _ => HandshakeOutcome.Noted,
                };
            }

            case EapolKeyMessage.Group1:
            {
                for (int i = session.PairwiseKeys.Count - 1; i >= 0; i--)
                {
                    var ptk = session.PairwiseKeys[i].Ptk;
                    if (!EapolKeyMic.Verify(key, ptk.Kck)) continue;
                    return TakeGroupKey(session, key, ptk, frameNumber) ? HandshakeOutcome.NewGroupKey : HandshakeOutcome.Noted;
                }
                return session.PairwiseKeys.Count == 0 ? HandshakeOutcome.Noted : HandshakeOutcome.MicFailed;
            }

            default:
                return HandshakeOutcome.Noted;
        }
    }

    private PairwiseTransientKey? TryDerive(HandshakeSession session, EapolKey key, byte[] aNonce, byte[] sNonce)
    {
        var (cipher, akm) = Suites(session, key);
        if (cipher is null) return null;
        var ptk = PairwiseTransientKey.Derive(_pmk, session.Authenticator, session.Supplicant, aNonce, sNonce, akm, cipher.Value);
        return EapolKeyMic.Verify(key, ptk.Kck) ? ptk : null;
    }

    // The pairwise cipher and AKM: from the RSN/WPA element of the handshake when present, else from
    // the key descriptor version (1: TKIP, 2: CCMP with PRF-SHA1, 3: CCMP with the SHA-256 KDF).
    private static (RtCipher?, Akm) Suites(HandshakeSession session, EapolKey key)
    {
        var e = session.Element;
        Akm akm = e?.Akm ?? Akm.Unknown;
        if (akm == Akm.Unknown) akm = key.DescriptorVersion == 3 ? Akm.PskSha256 : Akm.Psk;
        RtCipher? cipher = e?.PairwiseCipher;
        if (cipher is null or RtCipher.Wep40 or RtCipher.Wep104)
            cipher = key.DescriptorVersion switch { 1 => RtCipher.Tkip, 2 or 3 => RtCipher.Ccmp, _ => null };
        return (cipher, akm);
    }

    private static bool AddPtk(HandshakeSession session, PairwiseTransientKey ptk, long frameNumber)
    {
        if (session.PairwiseKeys.Any(r => CryptographicOperations.FixedTimeEquals(r.Ptk.Bytes, ptk.Bytes))) return false;
        session.PairwiseKeys.Add(new PairwiseKeyRecord(ptk, frameNumber));
        return true;
    }

    private bool TakeGroupKey(HandshakeSession session, EapolKey key, PairwiseTransientKey ptk, long frameNumber)
    {
        var data = key.KeyData.Span;
        if (data.Length == 0) return false;
        byte[] plain;
        if (key.DescriptorVersion == 1)
            plain = Rc4KeyData.Decrypt(key.KeyIv.Span, ptk.Kek, data);
        else if (!AesKeyWrap.TryUnwrap(ptk.Kek, data, out plain))
            return false;

        int keyId;
        byte[] gtk;
        if (key.DescriptorType == EapolKey.DescriptorWpa)
        {
            // WPA1 group key message 1: the Key Data is the bare GTK, its index in Key Information.
            int length = key.KeyLength is > 0 and <= 32 ? key.KeyLength : plain.Length;
            if (length > plain.Length) return false;
            gtk = plain[..length];
            keyId = key.WpaKeyIndex;
        }
        else if (!GroupKeyKde.TryFind(plain, out keyId, out gtk))
        {
            return false;
        }

        RtCipher cipher = session.Element?.GroupCipher switch
        {
            RtCipher c when c is RtCipher.Tkip or RtCipher.Ccmp or RtCipher.Ccmp256 or RtCipher.Gcmp or RtCipher.Gcmp256 => c,
            _ => gtk.Length == 32 ? RtCipher.Tkip : RtCipher.Ccmp,
        };
        if (_groupKeys.Any(g => g.KeyId == keyId && g.Authenticator.AsSpan().SequenceEqual(session.Authenticator) && g.Key.AsSpan().SequenceEqual(gtk)))
            return false;
        _groupKeys.Add(new GroupKeyRecord(session.Authenticator, keyId, cipher, gtk, frameNumber));
        return true;
    }

    private HandshakeSession GetOrAdd(ReadOnlySpan<byte> aa, ReadOnlySpan<byte> spa)
    {
        var k = (Mac(aa), Mac(spa));
        if (!_sessions.TryGetValue(k, out var s))
            _sessions[k] = s = new HandshakeSession(aa.ToArray(), spa.ToArray());
        return s;
    }

    internal static ulong Mac(ReadOnlySpan<byte> a) =>
        (ulong)a[0] << 40 | (ulong)a[1] << 32 | (ulong)a[2] << 24 | (ulong)a[3] << 16 | (ulong)a[4] << 8 | a[5];
}
