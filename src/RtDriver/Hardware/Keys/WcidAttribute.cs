using RtDriver.Hardware.Registers;

namespace RtDriver.Hardware.Keys;

/// <summary>
/// MAC_WCID_ATTRIBUTE entry (docs/hardware.md §8.5). Field layout:
/// b0 KEYTAB (1 = this WCID's pairwise entry, 0 = shared table), b3–1 CIPHER (low 3 bits),
/// b6–4 BSS_IDX (low 3 bits), b9–7 RX_WIUDF (Linux writes the cipher code: it comes back in
/// the RXWI UDF and is the RX cipher), b10 CIPHER_EXT (cipher bit 3), b11 BSS_IDX_EXT.
/// </summary>
public static class WcidAttribute
{
    // The register map's fields (RtReg.MAC_WCID_ATTRIBUTE_*), as masks/shifts for composing a word.
    public static readonly uint KEYTAB = RtReg.MAC_WCID_ATTRIBUTE_KEYTAB.Mask;
    public static readonly int CIPHER_SHIFT = RtReg.MAC_WCID_ATTRIBUTE_CIPHER.Shift;
    public static readonly uint CIPHER_MASK = RtReg.MAC_WCID_ATTRIBUTE_CIPHER.Mask;
    public static readonly int BSS_IDX_SHIFT = RtReg.MAC_WCID_ATTRIBUTE_BSS_IDX.Shift;
    public static readonly uint BSS_IDX_MASK = RtReg.MAC_WCID_ATTRIBUTE_BSS_IDX.Mask;
    public static readonly int RX_WIUDF_SHIFT = RtReg.MAC_WCID_ATTRIBUTE_RX_WIUDF.Shift;
    public static readonly uint RX_WIUDF_MASK = RtReg.MAC_WCID_ATTRIBUTE_RX_WIUDF.Mask;
    public static readonly uint CIPHER_EXT = RtReg.MAC_WCID_ATTRIBUTE_CIPHER_EXT.Mask;
    public static readonly uint BSS_IDX_EXT = RtReg.MAC_WCID_ATTRIBUTE_BSS_IDX_EXT.Mask;

    /// <summary>The fields a key install owns; everything else in the word is preserved.</summary>
    public static readonly uint KeyFields = KEYTAB | CIPHER_MASK | BSS_IDX_MASK | RX_WIUDF_MASK | CIPHER_EXT | BSS_IDX_EXT;

    /// <summary>
    /// The attribute word for a key: KEYTAB from the pairwise flag, cipher code in CIPHER (+EXT)
    /// and RX_WIUDF as Linux does, BSS index in BSS_IDX (+EXT). Bits outside
    /// <see cref="KeyFields"/> (WAPI) are taken from <paramref name="previous"/>.
    /// </summary>
    public static uint Compose(uint previous, bool pairwise, HwCipher cipher, int bssIndex)
    {
        uint code = (uint)cipher;
        uint value = previous & ~KeyFields;
        if (pairwise) value |= KEYTAB;
        value |= (code & 0x7) << CIPHER_SHIFT;
        if ((code & 0x8) != 0) value |= CIPHER_EXT;
        value |= ((uint)bssIndex & 0x7) << BSS_IDX_SHIFT;
        if ((bssIndex & 0x8) != 0) value |= BSS_IDX_EXT;
        value |= (code & 0x7) << RX_WIUDF_SHIFT;
        return value;
    }

    /// <summary>
    /// The attribute after a delete: Linux clears KEYTAB, CIPHER, CIPHER_EXT and RX_WIUDF and
    /// keeps the BSS index (docs/hardware.md §8.5), so the WCID no longer selects any key.
    /// </summary>
    public static uint Cleared(uint previous) => previous & ~(KEYTAB | CIPHER_MASK | CIPHER_EXT | RX_WIUDF_MASK);

    public static HwCipher CipherOf(uint value) =>
        (HwCipher)(((value & CIPHER_MASK) >> CIPHER_SHIFT) | ((value & CIPHER_EXT) != 0 ? 8u : 0u));
}
