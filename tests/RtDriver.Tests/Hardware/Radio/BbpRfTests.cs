using RtDriver.Emulation;
using RtDriver.Hardware.Radio;
using RtDriver.Hardware.Registers;
using RtDriver.Tests.Emulation;
using RtDriver.Transport;
using Xunit;

namespace RtDriver.Tests.Hardware.Radio;

public class BbpRfTests
{
    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void BbpRegistersRoundTripWithBusyPolling(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        Assert.Equal(RtDriver.Emulation.EmulatedNic.BbpVersion, Bbp.WaitReady(bus));
        for (int r = 1; r < 256; r += 5) Bbp.Write(bus, (byte)r, (byte)(r * 3));
        for (int r = 1; r < 256; r += 5) Assert.Equal((byte)(r * 3), Bbp.Read(bus, (byte)r));
        Bbp.Write(bus, 0, 0x77); // R0 is the version: read-only
        Assert.Equal(RtDriver.Emulation.EmulatedNic.BbpVersion, Bbp.Read(bus, 0));
        nic.Trace.Enabled = true;
        Bbp.Read(bus, 66);
        var kick = nic.Trace.Entries.First(e => e.Kind == TraceKind.Write);
        Assert.Equal(RtReg.BBP_CSR_CFG, kick.Offset);
        Assert.Equal(66u << 8 | RtReg.BBP_CSR_CFG_READ_CONTROL | RtReg.BBP_CSR_CFG_BUSY | RtReg.BBP_CSR_CFG_BBP_RW_MODE, kick.Value);
        Assert.Contains(nic.Trace.Entries, e => e.Kind == TraceKind.Read && (e.Value & RtReg.BBP_CSR_CFG_BUSY) != 0);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void RfRegistersRoundTrip(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        for (int r = 0; r < 64; r++) Rf.Write(bus, r, (byte)(0xA0 ^ r));
        for (int r = 0; r < 64; r++) Assert.Equal((byte)(0xA0 ^ r), Rf.Read(bus, r));
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => Rf.Read(bus, 64)).Status);
        Rf.WriteSerial(bus, 2, 0x12345);
        Assert.Equal(24u << 24 | 0x12345u << 2 | 2, nic.RfSerial[2]); // R2 -> select 2, busy cleared
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => Rf.WriteSerial(bus, 5, 0)).Status);
    }

    [Fact]
    public void StuckBusyBitIsANamedTimeout()
    {
        var (bus, nic) = EmulatorFlavours.Open("emu:rt2860,fault=gone-after=1000000");
        // Simulate a wedged BBP by pinning the busy bit through a bus wrapper.
        var stuck = new StuckBus(bus, RtReg.BBP_CSR_CFG, RtReg.BBP_CSR_CFG_BUSY);
        var e = Assert.Throws<RtException>(() => Bbp.Read(stuck, 3));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.Contains("BBP R3 read", e.Message);
        Assert.Contains("100 x 100 µs", e.Message);
    }

    private sealed class StuckBus(IRegisterBus inner, uint reg, uint bits) : IRegisterBus, IHardwareTiming
    {
        public string Description => inner.Description;
        public BusKind Kind => inner.Kind;
        public uint Read32(uint offset) => offset == reg ? inner.Read32(offset) | bits : inner.Read32(offset);
        public void Write32(uint offset, uint value) => inner.Write32(offset, value);
        public void WriteRegion(uint offset, ReadOnlySpan<byte> data) => inner.WriteRegion(offset, data);
        public void ReadRegion(uint offset, Span<byte> data) => inner.ReadRegion(offset, data);
        public void DelayMicroseconds(int us) => inner.Delay(us);
        public void Dispose() { }
    }
}
