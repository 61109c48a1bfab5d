namespace RtDriver.Hardware.Keys;

/// <summary>
/// Everything the key tables need for one key, already in hardware form: the cipher code,
/// the 32-byte key entry (MIC keys in hardware order, see <see cref="TkipMicOrder"/>), the key
/// id, the first transmit counter for the IV/EIV entry and the BSS index for the attribute.
/// </summary>
public sealed class HwKeySpec
{
    public HwKeySpec(HwCipher cipher, byte[] entry, int keyId, ulong txCounter, int bssIndex)
    {
        if (cipher == HwCipher.None) throw RtException.InvalidArgument("a hardware key needs a cipher code");
        if (entry.Length != KeyTableMap.KeyEntrySize) throw RtException.InvalidArgument($"key entry is {entry.Length} bytes, expected {KeyTableMap.KeyEntrySize}");
        if ((uint)keyId > 3) throw RtException.InvalidArgument($"key id {keyId} is out of range 0..3");
        if ((uint)bssIndex >= KeyTableMap.BssCount) throw RtException.InvalidArgument($"BSS index {bssIndex} is out of range 0..{KeyTableMap.BssCount - 1}");
        Cipher = cipher;
        Entry = entry;
        KeyId = keyId;
        TxCounter = txCounter;
        BssIndex = bssIndex;
    }

    public HwCipher Cipher { get; }
    public byte[] Entry { get; }
    public int KeyId { get; }
    public ulong TxCounter { get; }
    public int BssIndex { get; }

    /// <summary>Wipes the key material once the entry is written (it lives on in the hardware and the software twin).</summary>
    public void Wipe() => Array.Clear(Entry);
}

/// <summary>The outcome of writing a key: verified, or the first register that did not read back.</summary>
public readonly record struct KeyTableResult(bool Verified, uint Offset, string Detail)
{
    public static KeyTableResult Ok => new(true, 0, "");
}
