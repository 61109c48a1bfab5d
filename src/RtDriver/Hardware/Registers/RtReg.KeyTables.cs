namespace RtDriver.Hardware.Registers;

/// <summary>Hardware key memory, docs/hardware.md §8.1. Entry address = base + index × entry size.</summary>
public static partial class RtReg
{
    /// <summary>RX WCID search table: 6-byte peer MAC + 2 reserved bytes per WCID.</summary>
    public const uint MAC_WCID_BASE = 0x1800;
    public const int MAC_WCID_ENTRY_SIZE = 8;
    public const int MAC_WCID_COUNT = 256;

    public const uint PAIRWISE_KEY_TABLE_BASE = 0x4000;
    public const int PAIRWISE_KEY_ENTRY_SIZE = 32;
    public const int PAIRWISE_KEY_COUNT = 256;

    public const uint MAC_IVEIV_TABLE_BASE = 0x6000;
    public const int MAC_IVEIV_ENTRY_SIZE = 8;
    public const int MAC_IVEIV_COUNT = 256;

    public const uint MAC_WCID_ATTRIBUTE_BASE = 0x6800;
    public const int MAC_WCID_ATTRIBUTE_ENTRY_SIZE = 4;
    public const int MAC_WCID_ATTRIBUTE_COUNT = 256;
    public static readonly BitField MAC_WCID_ATTRIBUTE_KEYTAB = new(0, 1);
    public static readonly BitField MAC_WCID_ATTRIBUTE_CIPHER = new(1, 3);
    public static readonly BitField MAC_WCID_ATTRIBUTE_BSS_IDX = new(4, 3);
    public static readonly BitField MAC_WCID_ATTRIBUTE_RX_WIUDF = new(7, 3);
    public static readonly BitField MAC_WCID_ATTRIBUTE_CIPHER_EXT = new(10, 1);
    public static readonly BitField MAC_WCID_ATTRIBUTE_BSS_IDX_EXT = new(11, 1);
    public static readonly BitField MAC_WCID_ATTRIBUTE_WAPI_MCBC = new(15, 1);
    public static readonly BitField MAC_WCID_ATTRIBUTE_WAPI_KEY_IDX = new(24, 8);

    /// <summary>32 shared keys = 8 BSS × 4 key ids; index = 4·bss + keyid.</summary>
    public const uint SHARED_KEY_TABLE_BASE = 0x6C00;
    public const int SHARED_KEY_ENTRY_SIZE = 32;
    public const int SHARED_KEY_COUNT = 32;

    /// <summary>Eight 4-bit cipher slots per word, 4 words.</summary>
    public const uint SHARED_KEY_MODE_BASE = 0x7000;
    public const int SHARED_KEY_MODE_ENTRY_SIZE = 4;
    public const int SHARED_KEY_MODE_COUNT = 4;
    public const int SHARED_KEY_MODE_SLOTS_PER_WORD = 8;

    /// <summary>Byte offsets inside a 32-byte key entry (docs/hardware.md §8.3).</summary>
    public const int KEY_ENTRY_KEY_OFFSET = 0;
    public const int KEY_ENTRY_TX_MIC_OFFSET = 16;
    public const int KEY_ENTRY_RX_MIC_OFFSET = 24;

    /// <summary>IV/EIV byte 3: b5 ExtIV, b7–6 key id.</summary>
    public const byte IVEIV_EXTIV = 0x20;
    public const int IVEIV_KEYID_SHIFT = 6;

    /// <summary>Cipher codes (docs/hardware.md §8.7).</summary>
    public const uint CIPHER_NONE = 0;
    public const uint CIPHER_WEP40 = 1;
    public const uint CIPHER_WEP104 = 2;
    public const uint CIPHER_TKIP = 3;
    public const uint CIPHER_AES_CCMP = 4;

    public static uint MacWcidEntry(int wcid) => MAC_WCID_BASE + (uint)(CheckIndex(wcid, MAC_WCID_COUNT, "WCID") * MAC_WCID_ENTRY_SIZE);
    public static uint PairwiseKeyEntry(int wcid) => PAIRWISE_KEY_TABLE_BASE + (uint)(CheckIndex(wcid, PAIRWISE_KEY_COUNT, "pairwise key") * PAIRWISE_KEY_ENTRY_SIZE);
    public static uint MacIvEivEntry(int wcid) => MAC_IVEIV_TABLE_BASE + (uint)(CheckIndex(wcid, MAC_IVEIV_COUNT, "IV/EIV") * MAC_IVEIV_ENTRY_SIZE);
    public static uint MacWcidAttributeEntry(int wcid) => MAC_WCID_ATTRIBUTE_BASE + (uint)(CheckIndex(wcid, MAC_WCID_ATTRIBUTE_COUNT, "WCID attribute") * MAC_WCID_ATTRIBUTE_ENTRY_SIZE);
    public static uint SharedKeyEntry(int bss, int keyId) => SHARED_KEY_TABLE_BASE + (uint)(SharedKeyIndex(bss, keyId) * SHARED_KEY_ENTRY_SIZE);
    /// <summary>The SHARED_KEY_MODE word holding the slot of shared key (bss, keyId).</summary>
    public static uint SharedKeyModeEntry(int bss, int keyId) => SHARED_KEY_MODE_BASE + (uint)(SharedKeyIndex(bss, keyId) / SHARED_KEY_MODE_SLOTS_PER_WORD * SHARED_KEY_MODE_ENTRY_SIZE);
    /// <summary>The 4-bit slot of shared key (bss, keyId) inside its SHARED_KEY_MODE word (3-bit cipher code at its low bits).</summary>
    public static BitField SharedKeyModeSlot(int bss, int keyId) => new(SharedKeyIndex(bss, keyId) % SHARED_KEY_MODE_SLOTS_PER_WORD * 4, 4);
    public static int SharedKeyIndex(int bss, int keyId)
    {
        if ((uint)bss >= 8) throw RtException.InvalidArgument($"BSS index {bss} out of range 0..7");
        if ((uint)keyId >= 4) throw RtException.InvalidArgument($"shared key id {keyId} out of range 0..3");
        return 4 * bss + keyId;
    }

    /// <summary>True when the byte offset lies in hardware key memory (WCID table or 0x4000 up to the mailbox).</summary>
    public static bool IsKeyMemory(uint offset) =>
        (offset >= MAC_WCID_BASE && offset < MAC_WCID_BASE + MAC_WCID_COUNT * MAC_WCID_ENTRY_SIZE)
        || (offset >= PAIRWISE_KEY_TABLE_BASE && offset < SHARED_KEY_MODE_BASE + SHARED_KEY_MODE_COUNT * SHARED_KEY_MODE_ENTRY_SIZE);

    private static int CheckIndex(int index, int count, string what)
    {
        if ((uint)index >= (uint)count) throw RtException.InvalidArgument($"{what} index {index} out of range 0..{count - 1}");
        return index;
    }
}
