namespace RtDriver.Hardware.Keys;

/// <summary>
/// One active entry found in key memory by <see cref="HardwareKeyTables.ReadActive"/>: a WCID whose
/// attribute names a cipher (pairwise with KEYTAB=1, or a shared-key WCID), or a shared slot whose
/// SHARED_KEY_MODE nibble is set. What the chip really holds — independent of the driver's books.
/// </summary>
public sealed record HwKeySlot(string Table, int Index, HwCipher Cipher, bool PairwiseTable, int Bss, byte[] Address, int KeyId, ulong TxCounter, uint Attribute);
