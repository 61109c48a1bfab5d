using System.Buffers.Binary;

namespace RtDriver.Crypto.Primitives;

/// <summary>
/// CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320), as the WEP/TKIP ICV and the 802.11
/// FCS use it. Convention (zlib's): every value in and out is a FINISHED CRC — initial register
/// 0xFFFFFFFF and final XOR 0xFFFFFFFF are applied inside — so Compute(a ‖ b) ==
/// Append(Compute(a), b) and Compute(x) == Append(0, x). The ICV is the result stored
/// little-endian. Portable path: slicing-by-8 tables (not secret-sensitive in 802.11: the ICV
/// protects nothing cryptographically).
/// </summary>
public static class Crc32
{
    public const uint Polynomial = 0xEDB88320;

    // Table[k][b]: CRC register effect of byte b followed by k zero bytes (slicing-by-8).
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint b = 0; b < 256; b++)
        {
            uint c = b;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (Polynomial & (0u - (c & 1)));
            t[b] = c;
        }
        for (int k = 1; k < 8; k++)
            for (int b = 0; b < 256; b++)
                t[k * 256 + b] = (t[(k - 1) * 256 + b] >> 8) ^ t[t[(k - 1) * 256 + b] & 0xFF];
        return t;
    }

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    public static uint Append(uint crc, ReadOnlySpan<byte> data) => ~UpdateRegister(~crc, data);

    /// <summary>Raw register update (no pre/post inversion): PCLMULQDQ folding on the AES-NI path
    /// for the bulk (≥ 64 bytes), the table loop for the rest and on the portable path.</summary>
    internal static uint UpdateRegister(uint c, ReadOnlySpan<byte> data)
    {
        if (data.Length >= 64 && CryptoPath.Current == CryptoPathKind.AesNi && Crc32Clmul.IsSupported)
        {
            int bulk = data.Length & ~15;
            c = Crc32Clmul.Update(c, data.Slice(0, bulk));
            data = data.Slice(bulk);
        }
        return UpdateTable(c, data);
    }

    /// <summary>The portable reference: slicing-by-8.</summary>
    internal static uint UpdateTable(uint c, ReadOnlySpan<byte> data)
    {
        uint[] t = Table;
        while (data.Length >= 8)
        {
            uint a = c ^ BinaryPrimitives.ReadUInt32LittleEndian(data);
            uint b = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(4));
            c = t[7 * 256 + (a & 0xFF)] ^ t[6 * 256 + ((a >> 8) & 0xFF)] ^ t[5 * 256 + ((a >> 16) & 0xFF)] ^ t[4 * 256 + (a >> 24)]
              ^ t[3 * 256 + (b & 0xFF)] ^ t[2 * 256 + ((b >> 8) & 0xFF)] ^ t[1 * 256 + ((b >> 16) & 0xFF)] ^ t[b >> 24];
            data = data.Slice(8);
        }
        foreach (byte x in data) c = (c >> 8) ^ t[(c ^ x) & 0xFF];
        return c;
    }
}
