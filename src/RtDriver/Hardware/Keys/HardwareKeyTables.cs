using RtDriver.Transport;

namespace RtDriver.Hardware.Keys;

/// <summary>
/// Writes, verifies and clears keys in the RT2860 key memory (docs/hardware.md §8). Every write is read
/// back at once; the first value that does not read back stops the sequence, the entries
/// already written are cleared again, and the caller gets the offset with the values written
/// and read — a key that did not read back is not in hardware.
///
/// Install order (checked by the register-trace test) — the activating write comes last, so
/// the MAC never sees a half-written key (OpenBSD writes the attribute last for the same
/// reason; Linux writes the WCID address at station add, before any key):
///  pairwise (WCID w): WCID entry (peer MAC, bytes 6–7 0xFF, docs/hardware.md §8.2) → PAIRWISE_KEY entry (docs/hardware.md §8.3)
///                     → IV/EIV entry (docs/hardware.md §8.4) → WCID attribute with KEYTAB=1 (docs/hardware.md §8.5, activates).
///  shared (bss b, key k; idx = 4b+k, its own WCID idx as Linux does, docs/hardware.md §8.8):
///                     SHARED_KEY entry → IV/EIV entry idx → WCID entry idx (ff:ff:ff:ff:ff:ff)
///                     → WCID attribute idx with KEYTAB=0 → SHARED_KEY_MODE nibble (docs/hardware.md §8.6, activates).
/// Remove runs the other way: deactivate first (attribute / mode nibble), then zero the key and
/// IV/EIV entries and reset the WCID entry to 0xFF×8 (Linux's cleared value, docs/hardware.md §8.2).
/// Bus failures (RT_ERR_IO / TIMEOUT / DEVICE_GONE) propagate as <see cref="RtException"/>.
/// </summary>
public sealed class HardwareKeyTables
{
    private readonly IRegisterBus _bus;

    public HardwareKeyTables(IRegisterBus bus) => _bus = bus;

    /// <summary>
    /// Puts the key memory into a known state (docs/hardware.md §8.10: nothing is reset by hardware and the ASIC
    /// "keeps garbage values after boot"): SHARED_KEY_MODE words 0, every WCID entry 0xFF×8,
    /// every attribute 0, every IV/EIV 0. The key entries themselves are unreachable once every
    /// attribute and mode nibble is 0, so they are overwritten when a key is installed.
    /// </summary>
    public void ClearAll()
    {
        for (int i = 0; i < KeyTableMap.SharedKeyModeWords; i++)
            _bus.Write32(KeyTableMap.SHARED_KEY_MODE_BASE + (uint)(4 * i), 0);
        var ff = new byte[KeyTableMap.WcidCount * KeyTableMap.WcidEntrySize];
        ff.AsSpan().Fill(0xFF);
        _bus.WriteRegion(KeyTableMap.MAC_WCID_BASE, ff);
        _bus.WriteRegion(KeyTableMap.MAC_WCID_ATTRIBUTE_BASE, new byte[KeyTableMap.WcidCount * KeyTableMap.AttributeEntrySize]);
        _bus.WriteRegion(KeyTableMap.MAC_IVEIV_TABLE_BASE, new byte[KeyTableMap.WcidCount * KeyTableMap.IvEivEntrySize]);
    }

    /// <summary>Installs a pairwise key for <paramref name="peer"/> at station WCID <paramref name="wcid"/>.</summary>
    public KeyTableResult InstallPairwise(int wcid, ReadOnlySpan<byte> peer, HwKeySpec key)
    {
        if (peer.Length != 6) throw RtException.InvalidArgument($"a peer address is 6 bytes, got {peer.Length}");
        Span<byte> wcidEntry = stackalloc byte[KeyTableMap.WcidEntrySize];
        wcidEntry.Fill(0xFF);
        peer.CopyTo(wcidEntry);
        Span<byte> iv = stackalloc byte[KeyTableMap.IvEivEntrySize];
        IvEivEntry.Build(key.Cipher, key.KeyId, key.TxCounter, iv);
        try
        {
            WriteVerified(KeyTableMap.WcidEntry(wcid), wcidEntry);
            WriteVerified(KeyTableMap.PairwiseKeyEntry(wcid), key.Entry);
            WriteVerified(KeyTableMap.IvEivEntry(wcid), iv);
            uint attrOffset = KeyTableMap.AttributeEntry(wcid);
            uint attr = WcidAttribute.Compose(_bus.Read32(attrOffset), pairwise: true, key.Cipher, key.BssIndex);
            WriteVerified32(attrOffset, attr);
            return KeyTableResult.Ok;
        }
        catch (KeyTableMismatch m)
        {
            TryRollback(() => RemovePairwise(wcid));
            return new KeyTableResult(false, m.Offset, m.Message);
        }
    }

    /// <summary>Installs a group key in shared slot 4·bss + keyId.</summary>
    public KeyTableResult InstallShared(int bss, int keyId, HwKeySpec key)
    {
        int idx = KeyTableMap.SharedKeyIndex(bss, keyId);
        Span<byte> iv = stackalloc byte[KeyTableMap.IvEivEntrySize];
        IvEivEntry.Build(key.Cipher, keyId, key.TxCounter, iv);
        Span<byte> broadcast = stackalloc byte[KeyTableMap.WcidEntrySize];
        broadcast.Fill(0xFF); // Linux gives the shared WCID the broadcast address (docs/hardware.md §8.8)
        try
        {
            WriteVerified(KeyTableMap.SharedKeyEntry(bss, keyId), key.Entry);
            WriteVerified(KeyTableMap.IvEivEntry(idx), iv);
            WriteVerified(KeyTableMap.WcidEntry(idx), broadcast);
            uint attrOffset = KeyTableMap.AttributeEntry(idx);
            uint attr = WcidAttribute.Compose(_bus.Read32(attrOffset), pairwise: false, key.Cipher, bss);
            WriteVerified32(attrOffset, attr);
            uint modeOffset = KeyTableMap.SharedKeyModeWord(idx);
            int shift = KeyTableMap.SharedKeyModeShift(idx);
            uint mode = (_bus.Read32(modeOffset) & ~(0xFu << shift)) | ((uint)key.Cipher << shift);
            WriteVerified32(modeOffset, mode);
            return KeyTableResult.Ok;
        }
        catch (KeyTableMismatch m)
        {
            TryRollback(() => RemoveShared(bss, keyId));
            return new KeyTableResult(false, m.Offset, m.Message);
        }
    }

    /// <summary>Clears a pairwise key's WCID: attribute first (deactivate), then key, IV/EIV and address.</summary>
    public KeyTableResult RemovePairwise(int wcid)
    {
        try
        {
            uint attrOffset = KeyTableMap.AttributeEntry(wcid);
            WriteVerified32(attrOffset, WcidAttribute.Cleared(_bus.Read32(attrOffset)));
            WriteVerified(KeyTableMap.PairwiseKeyEntry(wcid), stackalloc byte[KeyTableMap.KeyEntrySize]);
            WriteVerified(KeyTableMap.IvEivEntry(wcid), stackalloc byte[KeyTableMap.IvEivEntrySize]);
            Span<byte> ff = stackalloc byte[KeyTableMap.WcidEntrySize];
            ff.Fill(0xFF);
            WriteVerified(KeyTableMap.WcidEntry(wcid), ff);
            return KeyTableResult.Ok;
        }
        catch (KeyTableMismatch m)
        {
            return new KeyTableResult(false, m.Offset, m.Message);
        }
    }

    /// <summary>Clears shared slot 4·bss + keyId: mode nibble first (deactivate), then attribute, key, IV/EIV, address.</summary>
    public KeyTableResult RemoveShared(int bss, int keyId)
    {
        int idx = KeyTableMap.SharedKeyIndex(bss, keyId);
        try
        {
            uint modeOffset = KeyTableMap.SharedKeyModeWord(idx);
            int shift = KeyTableMap.SharedKeyModeShift(idx);
            WriteVerified32(modeOffset, _bus.Read32(modeOffset) & ~(0xFu << shift));
            uint attrOffset = KeyTableMap.AttributeEntry(idx);
            WriteVerified32(attrOffset, WcidAttribute.Cleared(_bus.Read32(attrOffset)));
            WriteVerified(KeyTableMap.SharedKeyEntry(bss, keyId), stackalloc byte[KeyTableMap.KeyEntrySize]);
            WriteVerified(KeyTableMap.IvEivEntry(idx), stackalloc byte[KeyTableMap.IvEivEntrySize]);
            Span<byte> ff = stackalloc byte[KeyTableMap.WcidEntrySize];
            ff.Fill(0xFF);
            WriteVerified(KeyTableMap.WcidEntry(idx), ff);
            return KeyTableResult.Ok;
        }
        catch (KeyTableMismatch m)
        {
            return new KeyTableResult(false, m.Offset, m.Message);
        }
    }

    /// <summary>The transmit counter the hardware holds for a WCID (IV/EIV entry, docs/hardware.md §8.4).</summary>
    public ulong ReadTxCounter(int wcid, HwCipher cipher)
    {
        Span<byte> iv = stackalloc byte[KeyTableMap.IvEivEntrySize];
        _bus.ReadRegion(KeyTableMap.IvEivEntry(wcid), iv);
        return IvEivEntry.ReadCounter(cipher, iv);
    }

    /// <summary>
    /// Decodes what key memory holds: every WCID whose attribute names a cipher (its address,
    /// key id from IV/EIV byte 3 b7–6, transmit counter) and every shared slot with a non-zero
    /// SHARED_KEY_MODE nibble. Read-only; used by rtprobe and the tests.
    /// </summary>
    public IReadOnlyList<HwKeySlot> ReadActive()
    {
        var found = new List<HwKeySlot>();
        Span<byte> mac = stackalloc byte[KeyTableMap.WcidEntrySize];
        Span<byte> iv = stackalloc byte[KeyTableMap.IvEivEntrySize];
        for (int w = 0; w < KeyTableMap.WcidCount; w++)
        {
            uint attr = _bus.Read32(KeyTableMap.AttributeEntry(w));
            var cipher = WcidAttribute.CipherOf(attr);
            if (cipher == HwCipher.None || attr == 0xFFFFFFFF) continue;
            _bus.ReadRegion(KeyTableMap.WcidEntry(w), mac);
            _bus.ReadRegion(KeyTableMap.IvEivEntry(w), iv);
            bool keytab = (attr & WcidAttribute.KEYTAB) != 0;
            int bss = (int)((attr & WcidAttribute.BSS_IDX_MASK) >> WcidAttribute.BSS_IDX_SHIFT) | ((attr & WcidAttribute.BSS_IDX_EXT) != 0 ? 8 : 0);
            found.Add(new HwKeySlot("wcid", w, cipher, keytab, bss, mac[..6].ToArray(), iv[3] >> 6, IvEivEntry.ReadCounter(cipher, iv), attr));
        }
        for (int word = 0; word < KeyTableMap.SharedKeyModeWords; word++)
        {
            uint mode = _bus.Read32(KeyTableMap.SHARED_KEY_MODE_BASE + (uint)(4 * word));
            if (mode == 0xFFFFFFFF) continue;
            for (int slot = 0; slot < 8; slot++)
            {
                var cipher = (HwCipher)((mode >> (4 * slot)) & 0x7);
                if (cipher == HwCipher.None) continue;
                int idx = word * 8 + slot;
                found.Add(new HwKeySlot("shared", idx, cipher, false, idx / KeyTableMap.KeysPerBss, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], idx % KeyTableMap.KeysPerBss, 0, mode));
            }
        }
        return found;
    }

    /// <summary>Reads a whole entry back (rtprobe mcu --probe, tests).</summary>
    public void ReadEntry(uint offset, Span<byte> data) => _bus.ReadRegion(offset, data);

    private void WriteVerified(uint offset, ReadOnlySpan<byte> data)
    {
        _bus.WriteRegion(offset, data);
        Span<byte> back = stackalloc byte[data.Length];
        _bus.ReadRegion(offset, back);
        if (back.SequenceEqual(data)) return;
        int i = 0;
        while (back[i] == data[i]) i++;
        int word = i & ~3;
        uint wrote = Word(data, word), read = Word(back, word);
        throw new KeyTableMismatch((uint)(offset + word),
            $"key table write at 0x{offset + word:x4} did not read back: wrote 0x{wrote:x8}, read 0x{read:x8}");
    }

    private void WriteVerified32(uint offset, uint value)
    {
        _bus.Write32(offset, value);
        uint back = _bus.Read32(offset);
        if (back != value)
            throw new KeyTableMismatch(offset, $"key table write at 0x{offset:x4} did not read back: wrote 0x{value:x8}, read 0x{back:x8}");
    }

    private static uint Word(ReadOnlySpan<byte> data, int at)
    {
        uint v = 0;
        for (int k = 0; k < 4 && at + k < data.Length; k++) v |= (uint)data[at + k] << (8 * k);
        return v;
    }

    private static void TryRollback(Func<KeyTableResult> clear)
    {
        try { clear(); }
        catch (RtException) { /* the device failed while cleaning up: the key is not active anyway (its activating write was never verified) */ }
    }

    private sealed class KeyTableMismatch(uint offset, string message) : Exception(message)
    {
        public uint Offset { get; } = offset;
    }
}
