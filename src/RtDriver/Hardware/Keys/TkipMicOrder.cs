namespace RtDriver.Hardware.Keys;

/// <summary>
/// Builds the 32-byte hardware key entry (docs/hardware.md §8.3: bytes 0–15 cipher key, 16–23 TX MIC key =
/// Michael key for frames THIS device sends, 24–31 RX MIC key = for frames it receives) and
/// explains the TKIP Michael key order (docs/hardware.md §8.9).
///
/// Three layouts meet here:
///  * the hardware: 16–23 local TX, 24–31 local RX;
///  * rtdriver's ABI TKIP key (docs/c-abi.md): TK | MIC key for frames this side transmits |
///    MIC key for frames this side receives — already "local TX / local RX", like mac80211's.
///    So an ABI key maps straight onto the hardware in EVERY role (Linux does the same, docs/hardware.md §8.9);
///  * the IEEE 802.11 temporal key: 16–23 authenticator→supplicant, 24–31
///    supplicant→authenticator. Its local order depends on the role: an access point (the
///    authenticator) transmits with 16–23, a station transmits with 24–31. OpenBSD therefore
///    swaps in STA mode and copies in HostAP mode. <see cref="FromIeeeTemporalKey"/> does that
///    conversion for callers holding an IEEE-layout key.
/// Getting this wrong makes every TKIP frame fail its Michael check in one direction — the
/// plausible cause of "TKIP works only with nohwcrypt=1" in the Linux report.
/// </summary>
public static class TkipMicOrder
{
    public const int TemporalKeyLength = 16;
    public const int MicKeyLength = 8;
    public const int TkipKeyLength = TemporalKeyLength + 2 * MicKeyLength;
    public const int TxMicOffset = 16;
    public const int RxMicOffset = 24;

    /// <summary>
    /// Fills a 32-byte hardware key entry from an ABI key. WEP keys occupy their 5/13 bytes,
    /// CCMP its 16; the rest is zero. TKIP: TK to 0–15, ABI bytes 16–23 (local TX MIC) to the
    /// hardware TX MIC slot, ABI 24–31 (local RX MIC) to the RX MIC slot — no swap, in any role.
    /// </summary>
    public static void BuildKeyEntry(RtCipher cipher, ReadOnlySpan<byte> abiKey, Span<byte> entry)
    {
        if (entry.Length != KeyTableMap.KeyEntrySize)
            throw RtException.InvalidArgument($"a key entry is {KeyTableMap.KeyEntrySize} bytes, not {entry.Length}");
        int expected = RtCipherInfo.KeyLengthOf(cipher);
        if (!HwCipherMap.TryMap(cipher, out _))
            throw RtException.InvalidArgument($"{RtCipherInfo.NameOf(cipher)} has no hardware key entry layout");
        if (abiKey.Length != expected)
            throw RtException.InvalidArgument($"{RtCipherInfo.NameOf(cipher)} key is {expected} bytes, got {abiKey.Length}");
        entry.Clear();
        if (cipher == RtCipher.Tkip)
        {
            abiKey[..TemporalKeyLength].CopyTo(entry);
            abiKey.Slice(TxMicOffset, MicKeyLength).CopyTo(entry.Slice(TxMicOffset, MicKeyLength)); // local TX → hw TX MIC
            abiKey.Slice(RxMicOffset, MicKeyLength).CopyTo(entry.Slice(RxMicOffset, MicKeyLength)); // local RX → hw RX MIC
        }
        else
        {
            abiKey.CopyTo(entry);
        }
    }

    /// <summary>
    /// Converts an IEEE 802.11 TKIP temporal key (16–23 authenticator→supplicant Michael key,
    /// 24–31 supplicant→authenticator) into rtdriver's local layout for <paramref name="role"/>:
    /// an access point transmits authenticator→supplicant (copy), a station transmits
    /// supplicant→authenticator (swap) — the same rule OpenBSD applies (docs/hardware.md §8.9).
    /// </summary>
    public static void FromIeeeTemporalKey(ReadOnlySpan<byte> ieeeKey, DeviceRole role, Span<byte> abiKey)
    {
        if (ieeeKey.Length != TkipKeyLength || abiKey.Length != TkipKeyLength)
            throw RtException.InvalidArgument($"a TKIP key is {TkipKeyLength} bytes, got {ieeeKey.Length} in and {abiKey.Length} out");
        Span<byte> tmp = stackalloc byte[TkipKeyLength];
        ieeeKey.CopyTo(tmp);
        tmp[..TemporalKeyLength].CopyTo(abiKey);
        // IEEE bytes 16–23 travel authenticator→supplicant: the AP's TX key, the station's RX key.
        bool ap = role == DeviceRole.AccessPoint;
        int localTxFrom = ap ? TxMicOffset : RxMicOffset;
        int localRxFrom = ap ? RxMicOffset : TxMicOffset;
        tmp.Slice(localTxFrom, MicKeyLength).CopyTo(abiKey.Slice(TxMicOffset, MicKeyLength));
        tmp.Slice(localRxFrom, MicKeyLength).CopyTo(abiKey.Slice(RxMicOffset, MicKeyLength));
        tmp.Clear();
    }
}
