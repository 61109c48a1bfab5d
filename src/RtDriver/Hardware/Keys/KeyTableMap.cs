using RtDriver.Hardware.Registers;

namespace RtDriver.Hardware.Keys;

/// <summary>
/// Where each hardware key-table entry lives (docs/hardware.md §8.1): entry address = base + index × size.
/// The bases are the datasheet names of the register map; this class only does the index
/// arithmetic, so no logic code ever computes a key-table offset by hand.
/// </summary>
public static class KeyTableMap
{
    // Table bases: the register map's names (RtReg, docs/hardware.md §8.1).
    public const uint MAC_WCID_BASE = RtReg.MAC_WCID_BASE;
    public const uint PAIRWISE_KEY_TABLE_BASE = RtReg.PAIRWISE_KEY_TABLE_BASE;
    public const uint MAC_IVEIV_TABLE_BASE = RtReg.MAC_IVEIV_TABLE_BASE;
    public const uint MAC_WCID_ATTRIBUTE_BASE = RtReg.MAC_WCID_ATTRIBUTE_BASE;
    public const uint SHARED_KEY_TABLE_BASE = RtReg.SHARED_KEY_TABLE_BASE;
    public const uint SHARED_KEY_MODE_BASE = RtReg.SHARED_KEY_MODE_BASE;

    public const int WcidEntrySize = RtReg.MAC_WCID_ENTRY_SIZE;
    public const int KeyEntrySize = RtReg.PAIRWISE_KEY_ENTRY_SIZE;
    public const int IvEivEntrySize = RtReg.MAC_IVEIV_ENTRY_SIZE;
    public const int AttributeEntrySize = RtReg.MAC_WCID_ATTRIBUTE_ENTRY_SIZE;

    /// <summary>Entries in the WCID, IV/EIV and attribute tables (and the full pairwise table).</summary>
    public const int WcidCount = RtReg.MAC_WCID_COUNT;

    /// <summary>Shared (group) key slots: 8 BSS × 4 key ids.</summary>
    public const int BssCount = 8;
    public const int KeysPerBss = 4;
    public const int SharedKeyCount = BssCount * KeysPerBss;
    public const int SharedKeyModeWords = RtReg.SHARED_KEY_MODE_COUNT;

    /// <summary>
    /// First WCID handed to stations: Linux WCID_START (33). WCIDs 0–31 are the shared-key
    /// WCIDs (4·bss + keyid, docs/hardware.md §8.8), so group-key traffic has its own attribute/IVEIV entries.
    /// </summary>
    public const int FirstStationWcid = 33;

    /// <summary>
    /// Last WCID handed to stations: 221. Linux's WCID_END is 222 inclusive, but pairwise key
    /// entry 222 (0x5BC0) is the first word of beacon buffer 7 (docs/hardware.md §8.1, §10 "WCID_END"): only
    /// WCID 0–221 are safe with 8 beacons, so rtdriver stops one short and never shares memory
    /// with a beacon.
    /// </summary>
    public const int LastStationWcid = 221;

    /// <summary>Pairwise (station) key slots this driver can place in hardware.</summary>
    public const int StationWcidCount = LastStationWcid - FirstStationWcid + 1;

    public static uint WcidEntry(int wcid) => MAC_WCID_BASE + (uint)(CheckWcid(wcid) * WcidEntrySize);

    public static uint PairwiseKeyEntry(int wcid) => PAIRWISE_KEY_TABLE_BASE + (uint)(CheckWcid(wcid) * KeyEntrySize);

    public static uint IvEivEntry(int wcid) => MAC_IVEIV_TABLE_BASE + (uint)(CheckWcid(wcid) * IvEivEntrySize);

    public static uint AttributeEntry(int wcid) => MAC_WCID_ATTRIBUTE_BASE + (uint)(CheckWcid(wcid) * AttributeEntrySize);

    /// <summary>Shared key index = 4·bss + keyid (docs/hardware.md §8.1).</summary>
    public static int SharedKeyIndex(int bss, int keyId)
    {
        if ((uint)bss >= BssCount) throw RtException.InvalidArgument($"BSS index {bss} is out of range 0..{BssCount - 1}");
        if ((uint)keyId >= KeysPerBss) throw RtException.InvalidArgument($"group key id {keyId} is out of range 0..{KeysPerBss - 1}");
        return bss * KeysPerBss + keyId;
    }

    /// <summary>SHARED_KEY(bss, k) = SHARED_KEY_TABLE_BASE + 128·bss + 32·k.</summary>
    public static uint SharedKeyEntry(int bss, int keyId) => SHARED_KEY_TABLE_BASE + (uint)(SharedKeyIndex(bss, keyId) * KeyEntrySize);

    /// <summary>The SHARED_KEY_MODE word holding key <paramref name="sharedIndex"/>'s nibble (docs/hardware.md §8.6).</summary>
    public static uint SharedKeyModeWord(int sharedIndex) => SHARED_KEY_MODE_BASE + (uint)(sharedIndex / 8 * 4);

    /// <summary>Bit position of key <paramref name="sharedIndex"/>'s nibble inside its mode word.</summary>
    public static int SharedKeyModeShift(int sharedIndex) => sharedIndex % 8 * 4;

    /// <summary>True when an address falls in any hardware key table (for the register-trace tests and regs dump).</summary>
    public static bool IsKeyMemory(uint offset) => RtReg.IsKeyMemory(offset);

    private static int CheckWcid(int wcid)
    {
        if ((uint)wcid >= WcidCount) throw RtException.InvalidArgument($"WCID {wcid} is out of range 0..{WcidCount - 1}");
        return wcid;
    }
}
