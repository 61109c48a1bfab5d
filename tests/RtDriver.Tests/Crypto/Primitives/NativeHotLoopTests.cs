using System.Buffers.Binary;
using System.Text;
using Iced.Intel;
using Xunit;

namespace RtDriver.Tests.Crypto.Primitives;

/// <summary>
/// Disassembles the NativeAOT-compiled hot loops inside the published librtdriver.so (symbols
/// from librtdriver.so.dbg beside it) and asserts they use the AES and carry-less multiply
/// instructions: a silent fall back to scalar code (e.g. an intrinsic that stopped being
/// recognised, or a build that lost the AES-NI path) fails the build. build.sh test publishes the
/// library into artifacts/lib before running xUnit.
/// </summary>
public class NativeHotLoopTests
{
    private static (byte[] so, Dictionary<string, (ulong addr, ulong size)> symbols) Load()
    {
        var so = TestPaths.RequirePublished("lib", "librtdriver.so");
        // The symbol file NativeAOT publishes beside the stripped library.
        var dbg = TestPaths.RequirePublished("lib", "librtdriver.so.dbg");
        return (File.ReadAllBytes(so), ReadSymbols(File.ReadAllBytes(dbg)));
    }

    /// <summary>Function symbols (STT_FUNC or local text) from the ELF64 .symtab.</summary>
    private static Dictionary<string, (ulong, ulong)> ReadSymbols(byte[] elf)
    {
        Assert.True(elf.Length > 64 && elf[0] == 0x7F && elf[1] == (byte)'E' && elf[4] == 2, "librtdriver.so.dbg is not an ELF64 file");
        var d = new Dictionary<string, (ulong, ulong)>();
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        for (int i = 0; i < shnum; i++)
        {
            var sh = elf.AsSpan((int)shoff + i * shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh.Slice(4)) != 2) continue; // SHT_SYMTAB
            ulong off = BinaryPrimitives.ReadUInt64LittleEndian(sh.Slice(24));
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(sh.Slice(32));
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh.Slice(40));
            var str = elf.AsSpan((int)shoff + link * shentsize);
            ulong stroff = BinaryPrimitives.ReadUInt64LittleEndian(str.Slice(24));
            for (ulong s = 0; s + 24 <= size; s += 24)
            {
                var sym = elf.AsSpan((int)(off + s));
                uint name = BinaryPrimitives.ReadUInt32LittleEndian(sym);
                ulong value = BinaryPrimitives.ReadUInt64LittleEndian(sym.Slice(8));
                ulong ssize = BinaryPrimitives.ReadUInt64LittleEndian(sym.Slice(16));
                if (value == 0 || name == 0) continue;
                int start = (int)(stroff + name), end = start;
                while (elf[end] != 0) end++;
                d[Encoding.ASCII.GetString(elf, start, end - start)] = (value, ssize);
            }
        }
        Assert.True(d.Count > 0, "librtdriver.so.dbg has no symbol table");
        return d;
    }

    /// <summary>Maps a virtual address to a file offset through the PT_LOAD program headers.</summary>
    private static int FileOffset(byte[] elf, ulong vaddr)
    {
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x20));
        int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        for (int i = 0; i < phnum; i++)
        {
            var ph = elf.AsSpan((int)phoff + i * phentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != 1) continue; // PT_LOAD
            ulong off = BinaryPrimitives.ReadUInt64LittleEndian(ph.Slice(8));
            ulong va = BinaryPrimitives.ReadUInt64LittleEndian(ph.Slice(16));
            ulong filesz = BinaryPrimitives.ReadUInt64LittleEndian(ph.Slice(32));
            if (vaddr >= va && vaddr < va + filesz) return (int)(off + (vaddr - va));
        }
        throw new InvalidOperationException($"address 0x{vaddr:x} is in no PT_LOAD segment of librtdriver.so");
    }

    private static Dictionary<Mnemonic, int> Mnemonics(byte[] so, Dictionary<string, (ulong addr, ulong size)> symbols, string symbol)
    {
        Assert.True(symbols.TryGetValue(symbol, out var f),
            $"symbol {symbol} not found in librtdriver.so.dbg (was the method renamed or inlined away?) — known crypto symbols: " +
            string.Join(", ", symbols.Keys.Where(k => k.Contains("Crypto_Primitives")).Take(40)));
        Assert.True(f.size > 0, $"symbol {symbol} has size 0");
        int off = FileOffset(so, f.addr);
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(so, off, (int)f.size));
        decoder.IP = f.addr;
        var counts = new Dictionary<Mnemonic, int>();
        ulong end = f.addr + f.size;
        while (decoder.IP < end)
        {
            decoder.Decode(out var ins);
            counts[ins.Mnemonic] = counts.GetValueOrDefault(ins.Mnemonic) + 1;
        }
        return counts;
    }

    private static int Count(Dictionary<Mnemonic, int> c, params Mnemonic[] ms) => ms.Sum(m => c.GetValueOrDefault(m));

    [Fact]
    public void CcmpHotLoops_UseAesNi()
    {
        var (so, symbols) = Load();
        // Single frame: fused CTR + CBC-MAC, two streams x (9 AESENC + 1 AESENCLAST) for AES-128
        // plus the AES-256 rounds.
        var single = Mnemonics(so, symbols, "RtDriver_RtDriver_Crypto_Primitives_AesCcmNi__EncryptBlocks");
        Assert.True(Count(single, Mnemonic.Aesenc, Mnemonic.Vaesenc) >= 18, $"CCMP single-frame loop has {Count(single, Mnemonic.Aesenc, Mnemonic.Vaesenc)} AESENC: expected >= 18 (2 interleaved streams)");
        Assert.True(Count(single, Mnemonic.Aesenclast, Mnemonic.Vaesenclast) >= 2);
        var decrypt = Mnemonics(so, symbols, "RtDriver_RtDriver_Crypto_Primitives_AesCcmNi__DecryptBlocksCore");
        Assert.True(Count(decrypt, Mnemonic.Aesenc, Mnemonic.Vaesenc) >= 18, "CCMP decrypt loop lost its AESENC streams");
        // Four frames at once: 8 streams.
        var many = Mnemonics(so, symbols, "RtDriver_RtDriver_Crypto_Primitives_AesCcmNi__EncryptMany4");
        Assert.True(Count(many, Mnemonic.Aesenc, Mnemonic.Vaesenc) >= 72, $"CCMP 4-frame loop has {Count(many, Mnemonic.Aesenc, Mnemonic.Vaesenc)} AESENC: expected >= 72 (8 interleaved streams)");
    }

    [Fact]
    public void GcmpHotLoop_UsesAesNiAndPclmulqdq()
    {
        var (so, symbols) = Load();
        var gcm = Mnemonics(so, symbols, "RtDriver_RtDriver_Crypto_Primitives_AesGcmNi__Crypt");
        Assert.True(Count(gcm, Mnemonic.Aesenc, Mnemonic.Vaesenc) >= 72, "GCMP loop lost its 8 AESENC streams");
        Assert.True(Count(gcm, Mnemonic.Pclmulqdq, Mnemonic.Vpclmulqdq) >= 32, $"GCMP loop has {Count(gcm, Mnemonic.Pclmulqdq, Mnemonic.Vpclmulqdq)} PCLMULQDQ: expected >= 32 (8 aggregated blocks)");
        var crc = Mnemonics(so, symbols, "RtDriver_RtDriver_Crypto_Primitives_Crc32Clmul__Update");
        Assert.True(Count(crc, Mnemonic.Pclmulqdq, Mnemonic.Vpclmulqdq) >= 8, "CRC-32 folding lost PCLMULQDQ");
    }

    [Fact]
    public void TkipStitchedLoop_HasMichaelAndTheCrcFoldInline()
    {
        // The stitched loop keeps Michael (its XSWAP is a BSWAP) and the CRC fold (PCLMULQDQ) inside
        // the RC4 loop; a regression to separate passes (or to calls) loses them from this body.
        var (so, symbols) = Load();
        foreach (var name in new[] { "RtDriver_RtDriver_Crypto_Primitives_Rc4Stream__SealStitched", "RtDriver_RtDriver_Crypto_Primitives_Rc4Stream__OpenStitched" })
        {
            var loop = Mnemonics(so, symbols, name);
            Assert.True(Count(loop, Mnemonic.Bswap) >= 4, $"{name} has {Count(loop, Mnemonic.Bswap)} BSWAP: Michael is no longer inline");
            Assert.True(Count(loop, Mnemonic.Pclmulqdq, Mnemonic.Vpclmulqdq) >= 2, $"{name} has {Count(loop, Mnemonic.Pclmulqdq, Mnemonic.Vpclmulqdq)} PCLMULQDQ: the CRC fold is no longer inline");
        }
    }
}
