using RtDriver.Hardware.Keys;
using RtDriver.Tests.Fakes;
using Xunit;

namespace RtDriver.Tests.Hardware.Keys;

public class HardwareKeyTablesTests
{
    private static readonly byte[] Peer = [0x00, 0x09, 0x5b, 0xf9, 0xb6, 0x04];

    private static HwKeySpec Spec(RtCipher cipher, byte[] key, int keyId, ulong tx = 1, int bss = 0)
    {
        HwCipherMap.TryMap(cipher, out var code);
        var entry = new byte[32];
        TkipMicOrder.BuildKeyEntry(cipher, key, entry);
        return new HwKeySpec(code, entry, keyId, tx, bss);
    }

    private static byte[] Seq(int n, int start = 0) => Enumerable.Range(start, n).Select(i => (byte)i).ToArray();

    [Fact]
    public void ClearAllPutsKeyMemoryInTheFactsInitialState()
    {
        var mem = new MemoryRegisterBus();
        for (uint o = 0x1800; o < 0x7010; o += 4) mem.Poke(o, 0xDEADBEEF); // garbage after boot
        new HardwareKeyTables(mem).ClearAll();
        Assert.Equal(0xFFFFFFFFu, mem.Peek(0x1800));
        Assert.Equal(0xFFFFFFFFu, mem.Peek(0x1FFC));
        Assert.Equal(0u, mem.Peek(0x6800));
        Assert.Equal(0u, mem.Peek(0x6BFC));
        Assert.Equal(0u, mem.Peek(0x6000));
        Assert.Equal(0u, mem.Peek(0x67FC));
        for (uint o = 0x7000; o < 0x7010; o += 4) Assert.Equal(0u, mem.Peek(o));
    }

    [Fact]
    public void PairwiseInstallWritesEveryTableAndActivatesLast()
    {
        var mem = new MemoryRegisterBus();
        var trace = new TracingBus(mem);
        var tables = new HardwareKeyTables(trace);
        tables.ClearAll();
        trace.Ops.Clear();
        byte[] tk = Seq(32, 0x40);
        var r = tables.InstallPairwise(KeyTableMap.FirstStationWcid, Peer, Spec(RtCipher.Tkip, tk, 0, tx: 0x0102_0304_0506));
        Assert.True(r.Verified, r.Detail);

        Assert.Equal(new[] { "W 0x1908/8", "W 0x4420/32", "W 0x6108/8", "W32 0x6884" }, trace.Writes());
        // every write is followed by its read-back, and the attribute read-modify-write reads first
        Assert.Equal(new[] { "W 0x1908/8", "R 0x1908/8", "W 0x4420/32", "R 0x4420/32", "W 0x6108/8", "R 0x6108/8",
                             "R32 0x6884", "W32 0x6884", "R32 0x6884" }, trace.Ops.Select(o => o.ToString()));

        Assert.Equal([.. Peer, 0xFF, 0xFF], mem.PeekBytes(0x1908, 8));
        Assert.Equal(tk, mem.PeekBytes(0x4420, 32));
        Assert.Equal(tk[16..24], mem.PeekBytes(0x4420 + 16, 8)); // hw TX MIC = ABI local-TX MIC key
        Assert.Equal(0x0506ul | (0x0102_0304ul << 16), 0x0102_0304_0506ul);
        Assert.Equal(0x0102_0304_0506ul, tables.ReadTxCounter(KeyTableMap.FirstStationWcid, HwCipher.Tkip));
        Assert.Equal(WcidAttribute.Compose(0, true, HwCipher.Tkip, 0), mem.Peek(0x6884));
    }

    [Fact]
    public void SharedInstallUsesSlot4BssPlusKeyIdAndActivatesWithTheModeNibble()
    {
        var mem = new MemoryRegisterBus();
        var trace = new TracingBus(mem);
        var tables = new HardwareKeyTables(trace);
        tables.ClearAll();
        mem.Poke(0x7000, 0x0000_0040); // another key (slot 1) already active: its nibble must survive
        trace.Ops.Clear();
        var r = tables.InstallShared(0, 2, Spec(RtCipher.Ccmp, Seq(16), 2));
        Assert.True(r.Verified, r.Detail);
        Assert.Equal(new[] { "W 0x6c40/32", "W 0x6010/8", "W 0x1810/8", "W32 0x6808", "W32 0x7000" }, trace.Writes());
        Assert.Equal(0x0000_0440u, mem.Peek(0x7000));
        Assert.Equal(WcidAttribute.Compose(0, false, HwCipher.AesCcmp, 0), mem.Peek(0x6808));
        Assert.Equal(Enumerable.Repeat((byte)0xFF, 8), mem.PeekBytes(0x1810, 8));
        Assert.Equal(0xA0, mem.PeekBytes(0x6010, 8)[3]); // key id 2 << 6 | ExtIV

        Assert.True(tables.RemoveShared(0, 2).Verified);
        Assert.Equal(0x0000_0040u, mem.Peek(0x7000));
        Assert.Equal(0u, mem.Peek(0x6808));
        Assert.All(mem.PeekBytes(0x6C40, 32), b => Assert.Equal(0, b));
    }

    [Fact]
    public void RemoveDeactivatesFirstAndClearsEverySlot()
    {
        var mem = new MemoryRegisterBus();
        var trace = new TracingBus(mem);
        var tables = new HardwareKeyTables(trace);
        tables.ClearAll();
        Assert.True(tables.InstallPairwise(40, Peer, Spec(RtCipher.Ccmp, Seq(16), 0)).Verified);
        trace.Ops.Clear();
        Assert.True(tables.RemovePairwise(40).Verified);
        Assert.Equal(new[] { "W32 0x68a0", "W 0x4500/32", "W 0x6140/8", "W 0x1940/8" }, trace.Writes());
        Assert.Equal(0u, mem.Peek(0x68A0));
        Assert.All(mem.PeekBytes(0x4500, 32), b => Assert.Equal(0, b));
        Assert.All(mem.PeekBytes(0x6140, 8), b => Assert.Equal(0, b));
        Assert.All(mem.PeekBytes(0x1940, 8), b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void AKeyThatDoesNotReadBackIsRolledBackAndReported()
    {
        var mem = new MemoryRegisterBus { StuckFrom = 0x4000, StuckTo = 0x5FFF }; // pairwise table ignores writes
        var tables = new HardwareKeyTables(mem);
        tables.ClearAll();
        var r = tables.InstallPairwise(KeyTableMap.FirstStationWcid, Peer, Spec(RtCipher.Ccmp, Seq(16, 1), 0));
        Assert.False(r.Verified);
        Assert.Equal(0x4420u, r.Offset);
        Assert.Contains("0x4420", r.Detail);
        Assert.Contains("0x04030201", r.Detail);
        Assert.Equal(0u, mem.Peek(0x6884));                                       // never activated
        Assert.All(mem.PeekBytes(0x1908, 8), b => Assert.Equal(0xFF, b));         // address rolled back
    }

    [Fact]
    public void AGoneDeviceNeverVerifies()
    {
        var mem = new MemoryRegisterBus();
        var tables = new HardwareKeyTables(mem);
        tables.ClearAll();
        mem.GoneAfter = 0;
        var r = tables.InstallPairwise(KeyTableMap.FirstStationWcid, Peer, Spec(RtCipher.Wep104, Seq(13), 1));
        Assert.False(r.Verified);
        Assert.Contains("read 0xffffffff", r.Detail);
    }
}

public class HardwareKeyTableReaderTests
{
    [Fact]
    public void ReadActiveDecodesWhatWasInstalled()
    {
        var mem = new MemoryRegisterBus();
        var tables = new HardwareKeyTables(mem);
        tables.ClearAll();
        Assert.Empty(tables.ReadActive());
        var entry = new byte[32];
        TkipMicOrder.BuildKeyEntry(RtCipher.Ccmp, new byte[16], entry);
        byte[] peer = [2, 0, 0, 0, 0, 9];
        Assert.True(tables.InstallPairwise(40, peer, new HwKeySpec(HwCipher.AesCcmp, entry, 1, 0x1234, 0)).Verified);
        Assert.True(tables.InstallShared(0, 2, new HwKeySpec(HwCipher.Tkip, new byte[32], 2, 1, 0)).Verified);
        var active = tables.ReadActive();
        var pw = Assert.Single(active, s => s.Table == "wcid" && s.Index == 40);
        Assert.True(pw.PairwiseTable);
        Assert.Equal(HwCipher.AesCcmp, pw.Cipher);
        Assert.Equal(peer, pw.Address);
        Assert.Equal(1, pw.KeyId);
        Assert.Equal(0x1234ul, pw.TxCounter);
        var sharedWcid = Assert.Single(active, s => s.Table == "wcid" && s.Index == 2);
        Assert.False(sharedWcid.PairwiseTable);
        var shared = Assert.Single(active, s => s.Table == "shared");
        Assert.Equal(2, shared.Index);
        Assert.Equal(HwCipher.Tkip, shared.Cipher);
        Assert.Equal(3, active.Count);
    }
}
