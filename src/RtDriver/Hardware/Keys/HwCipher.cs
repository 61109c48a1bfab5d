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
}
