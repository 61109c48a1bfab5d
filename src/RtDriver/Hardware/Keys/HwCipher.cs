namespace RtDriver.Hardware.Keys;

/// <summary>
/// The cipher codes the RT2860 MAC understands (docs/hardware.md §8.7: Linux rt2x00reg.h / OpenBSD
/// rt2860reg.h). Only WEP40/104, TKIP and CCMP are engines rtdriver uses; CKIP is never
/// programmed and code 7 means different things to the two drivers (docs/hardware.md §10), so it is not named.
/// </summary>
public enum HwCipher : uint
{
    None = 0,
    Wep40 = 1,
    Wep104 = 2,
    Tkip = 3,
    AesCcmp = 4,
}

/// <summary>Which ABI ciphers the hardware engine can hold, and with which code.</summary>
public static class HwCipherMap
{
    /// <summary>
    /// Maps an ABI cipher to its hardware code. Only WEP40/104, TKIP and CCMP map (docs/hardware.md §8.11:
    /// "anything else is refused"); CCMP-256, GCMP, GCMP-256 and BIP have no engine on this MAC.
    /// </summary>
    public static bool TryMap(RtCipher cipher, out HwCipher code)
    {
        code = cipher switch
        {
            RtCipher.Wep40 => HwCipher.Wep40,
            RtCipher.Wep104 => HwCipher.Wep104,
            RtCipher.Tkip => HwCipher.Tkip,
            RtCipher.Ccmp => HwCipher.AesCcmp,
            _ => HwCipher.None,
        };
        return code != HwCipher.None;
    }

    /// <summary>The ABI key length for a cipher (the frame path's rule); 0 for an unknown value.</summary>
    public static int KeyLength(RtCipher cipher) => RtDriver.Crypto.Frames.FrameKey.KeyLength(cipher);

    /// <summary>BIP (management frame integrity) ciphers: group keys with ids 4..5.</summary>
    public static bool IsBip(RtCipher cipher) => RtDriver.Crypto.Frames.FrameKey.IsBip(cipher);

    /// <summary>The highest rt_cipher value this build knows.</summary>
    public const int MaxCipher = (int)RtCipher.BipCmac256;

    /// <summary>Short display name used in listings and reasons ("CCMP", "WEP104").</summary>
    public static string Name(RtCipher cipher) => cipher switch
    {
        RtCipher.Wep40 => "WEP40",
        RtCipher.Wep104 => "WEP104",
        RtCipher.Tkip => "TKIP",
        RtCipher.Ccmp => "CCMP",
        RtCipher.Ccmp256 => "CCMP-256",
        RtCipher.Gcmp => "GCMP",
        RtCipher.Gcmp256 => "GCMP-256",
        RtCipher.BipCmac128 => "BIP-CMAC-128",
        RtCipher.BipGmac128 => "BIP-GMAC-128",
        RtCipher.BipGmac256 => "BIP-GMAC-256",
        RtCipher.BipCmac256 => "BIP-CMAC-256",
        _ => $"cipher {(int)cipher}",
    };

    public static bool IsWep(RtCipher cipher) => cipher is RtCipher.Wep40 or RtCipher.Wep104;
}
