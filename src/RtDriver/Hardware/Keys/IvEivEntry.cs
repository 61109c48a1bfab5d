namespace RtDriver.Hardware.Keys;

/// <summary>
/// The 8-byte IV/EIV entry (docs/hardware.md §8.4): bytes 0–3 the IV exactly as it goes on air (TXWI
/// word 2), bytes 4–7 the extended IV. Byte 3 carries b5 ExtIV and b7–6 the key id. The
/// hardware uses and advances it for frames it encrypts, so it holds the TRANSMIT counter:
///
/// | cipher | b0 | b1 | b2 | b3 | b4–7 |
/// | WEP    | IV0 | IV1 | IV2 | keyid&lt;&lt;6 | 0 |
/// | TKIP   | TSC1 | (TSC1 \| 0x20) &amp; 0x7F | TSC0 | keyid&lt;&lt;6 \| 0x20 | TSC2..TSC5 |
/// | CCMP   | PN0 | PN1 | 0 | keyid&lt;&lt;6 \| 0x20 | PN2..PN5 |
///
/// (OpenBSD's initial values; Linux writes PN 0 with the same byte 3.) The counter the
/// supplicant hands over in set_key (the RSC) is a RECEIVE counter; it seeds the software
/// twin's replay window, not this table.
/// </summary>
public static class IvEivEntry
{
    public const byte ExtIv = 0x20;
    public const ulong MaxPn = (1UL << 48) - 1;

    /// <summary>Builds the entry for the next transmit counter <paramref name="txCounter"/> (WEP: the 24-bit IV).</summary>
    public static void Build(HwCipher cipher, int keyId, ulong txCounter, Span<byte> entry)
    {
        if (entry.Length != KeyTableMap.IvEivEntrySize)
            throw RtException.InvalidArgument($"an IV/EIV entry is {KeyTableMap.IvEivEntrySize} bytes, not {entry.Length}");
        if ((uint)keyId > 3) throw RtException.InvalidArgument($"key id {keyId} does not fit the IV's 2-bit key id field");
        entry.Clear();
        byte keyIdBits = (byte)(keyId << 6);
        switch (cipher)
        {
            case HwCipher.Wep40:
            case HwCipher.Wep104:
                if (txCounter > 0xFFFFFF) throw RtException.InvalidArgument($"WEP IV 0x{txCounter:x} exceeds 24 bits");
                // The ABI numbers a WEP IV 0xfb029e as the bytes fb 02 9e on air.
                entry[0] = (byte)(txCounter >> 16);
                entry[1] = (byte)(txCounter >> 8);
                entry[2] = (byte)txCounter;
                entry[3] = keyIdBits;
                break;
            case HwCipher.Tkip:
            {
                CheckPn(txCounter);
                byte tsc0 = (byte)txCounter, tsc1 = (byte)(txCounter >> 8);
                entry[0] = tsc1;
                entry[1] = (byte)((tsc1 | 0x20) & 0x7F); // WEPSeed, avoids weak keys
                entry[2] = tsc0;
                entry[3] = (byte)(keyIdBits | ExtIv);
                WriteHigh32(txCounter, entry[4..]);
                break;
            }
            case HwCipher.AesCcmp:
                CheckPn(txCounter);
                entry[0] = (byte)txCounter;
                entry[1] = (byte)(txCounter >> 8);
                entry[2] = 0;
                entry[3] = (byte)(keyIdBits | ExtIv);
                WriteHigh32(txCounter, entry[4..]);
                break;
            default:
                throw RtException.InvalidArgument($"cipher code {(uint)cipher} has no IV/EIV layout");
        }
    }

    /// <summary>
    /// Reads the transmit counter back out of an entry (what Linux's rt2800_get_key_seq does for
    /// TKIP: IV16 from bytes 0/2, IV32 from 4–7): used to carry a hardware key's counter over to
    /// its software twin so a PN is never sent twice.
    /// </summary>
    public static ulong ReadCounter(HwCipher cipher, ReadOnlySpan<byte> entry) => cipher switch
    {
        HwCipher.Wep40 or HwCipher.Wep104 => ((ulong)entry[0] << 16) | ((ulong)entry[1] << 8) | entry[2],
        HwCipher.Tkip => entry[2] | ((ulong)entry[0] << 8) | ((ulong)ReadHigh32(entry[4..]) << 16),
        HwCipher.AesCcmp => entry[0] | ((ulong)entry[1] << 8) | ((ulong)ReadHigh32(entry[4..]) << 16),
        _ => 0,
    };

    private static void CheckPn(ulong pn)
    {
        if (pn > MaxPn) throw RtException.InvalidArgument($"PN/TSC 0x{pn:x} exceeds 48 bits");
    }

    private static void WriteHigh32(ulong counter, Span<byte> dst)
    {
        dst[0] = (byte)(counter >> 16);
        dst[1] = (byte)(counter >> 24);
        dst[2] = (byte)(counter >> 32);
        dst[3] = (byte)(counter >> 40);
    }

    private static uint ReadHigh32(ReadOnlySpan<byte> src) => (uint)(src[0] | (src[1] << 8) | (src[2] << 16) | (src[3] << 24));
}
