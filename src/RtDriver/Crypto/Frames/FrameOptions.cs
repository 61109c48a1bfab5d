namespace RtDriver.Crypto.Frames;

/// <summary>Per-key frame-format choices where the standard changed or depends on negotiation.</summary>
[Flags]
public enum FrameOptions
{
    None = 0,
    /// <summary>
    /// 802.11i-2004 (pre-HT) semantics: the Order bit never announces an HT Control field and is
    /// kept as is in the CCMP/GCMP AAD. The 802.11i test vectors (QoS frames with Order = 1 and no
    /// HT Control) need this; HT-era peers need the default (HT Control present, Order masked in
    /// the AAD of QoS data frames).
    /// </summary>
    PreHtOrderBit = 1,
    /// <summary>
    /// Both peers are SPP A-MSDU capable: the A-MSDU Present bit of QoS Control is protected
    /// (kept in the AAD) instead of masked.
    /// </summary>
    SppAmsdu = 2,
}
