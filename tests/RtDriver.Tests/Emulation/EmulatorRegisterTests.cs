using Xunit;
using RtDriver.Emulation;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Emulation;

public class EmulatorRegisterTests
{
    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void MacCsr0IsTheIdentityAndReadOnly(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        Assert.Equal(BusKind.Emulator, bus.Kind);
        uint id = bus.Read32(RtReg.MAC_CSR0);
        Assert.Equal(nic.Info.MacCsr0, id);
        bus.Write32(RtReg.MAC_CSR0, 0x12345678);
        Assert.Equal(id, bus.Read32(RtReg.MAC_CSR0));
        Assert.Equal(nic.Info.IsUsb, bus is UsbRegisterBus);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void KeyTablesArePlainRam(string spec)
    {
        var (bus, _) = EmulatorFlavours.Open(spec);
        var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1)).ToArray();
        uint at = RtReg.PairwiseKeyEntry(37);
        bus.WriteRegion(at, key);
        var back = new byte[32];
        bus.ReadRegion(at, back);
        Assert.Equal(key, back);
        bus.Write32(RtReg.MacWcidAttributeEntry(255), 0x0000_0009);
        Assert.Equal(9u, bus.Read32(RtReg.MacWcidAttributeEntry(255)));
        bus.Write32(RtReg.SHARED_KEY_MODE_BASE + 12, 0x44440000);
        Assert.Equal(0x44440000u, bus.Read32(RtReg.SHARED_KEY_MODE_BASE + 12));
        bus.Write32(RtReg.MacWcidEntry(0), 0xFFFFFFFF);
        Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.MacWcidEntry(0)));
        // Unaligned region write lands byte-exact.
        bus.WriteRegion(RtReg.SharedKeyEntry(7, 3) + 3, new byte[] { 1, 2, 3, 4, 5 });
        var b = new byte[8];
        bus.ReadRegion(RtReg.SharedKeyEntry(7, 3), b);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, b[3..8]);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void KeyTableStuckDropsKeyWritesOnly(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec + ",fault=keytable-stuck");
        uint before = bus.Read32(RtReg.PairwiseKeyEntry(1));
        bus.Write32(RtReg.PairwiseKeyEntry(1), before ^ 0xFFFF0000);
        Assert.Equal(before, bus.Read32(RtReg.PairwiseKeyEntry(1)));
        bus.Write32(RtReg.MacWcidEntry(3), 0);
        Assert.NotEqual(0u, bus.Read32(RtReg.MacWcidEntry(3)));
        // The mailbox right after the key memory is not key memory.
        bus.Write32(RtReg.H2M_MAILBOX_CID, 0x12345678);
        Assert.Equal(0x12345678u, bus.Read32(RtReg.H2M_MAILBOX_CID));
        bus.Write32(RtReg.LED_CFG, 0x55);
        Assert.Equal(0x55u, bus.Read32(RtReg.LED_CFG));
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void MailboxCommandWrittenWhileOwnerSetIsLost(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec); // no firmware: nobody takes the command
        bus.Write32(RtReg.H2M_MAILBOX_CSR, 0x01_05_00_00);
        bus.Write32(RtReg.H2M_MAILBOX_CSR, 0x01_07_11_22);
        Assert.Equal(0x01_05_00_00u, bus.Read32(RtReg.H2M_MAILBOX_CSR));
        Assert.Equal(1, nic.LostMailboxCommands);
        bus.Write32(RtReg.H2M_MAILBOX_CSR, 0); // clearing always lands
        Assert.Equal(0u, bus.Read32(RtReg.H2M_MAILBOX_CSR));
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void GoneAfterNAccessesReadsAllOnes(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec + ",fault=gone-after=5");
        for (int i = 0; i < 5; i++) Assert.Equal(nic.Info.MacCsr0, bus.Read32(RtReg.MAC_CSR0));
        Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.MAC_CSR0));
        bus.Write32(RtReg.LED_CFG, 1);
        Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.LED_CFG));
        Assert.True(nic.IsGone);
    }

    [Fact]
    public void PciRejectsUnalignedAndOutOfRangeOffsets()
    {
        var bus = Emulator.Open("emu:rt2860");
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => bus.Read32(0x1001)).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => bus.Write32(0x10000, 0)).Status);
    }

    [Fact]
    public void TraceRecordsHostAccessesInOrder()
    {
        var bus = Emulator.Open("emu:rt2860", out var nic);
        nic.Trace.Enabled = true;
        bus.Write32(RtReg.LED_CFG, 7);
        bus.Read32(RtReg.MAC_CSR0);
        bus.Write32(RtReg.MAC_CSR0, 1);
        Assert.Equal(
            new[] { (TraceKind.Write, RtReg.LED_CFG), (TraceKind.Read, RtReg.MAC_CSR0), (TraceKind.Ignored, RtReg.MAC_CSR0) },
            nic.Trace.Entries.Select(e => (e.Kind, e.Offset)).ToArray());
    }

    [Fact]
    public void UsbSingleWritesAndUnknownRequestsAreDecodedAsTheChipDoes()
    {
        var nic = new EmulatedNic("emu:rt3070");
        var usb = new EmulatedUsbControl(nic);
        // OpenBSD writes a register as two 16-bit USB_SINGLE_WRITE requests (low half at reg, high at reg+2).
        usb.ControlOut(UsbVendorRequest.USB_SINGLE_WRITE, 0xBEEF, (ushort)RtReg.LED_CFG, ReadOnlySpan<byte>.Empty, 50);
        usb.ControlOut(UsbVendorRequest.USB_SINGLE_WRITE, 0xDEAD, (ushort)(RtReg.LED_CFG + 2), ReadOnlySpan<byte>.Empty, 50);
        Assert.Equal(0xDEADBEEFu, new UsbRegisterBus(usb).Read32(RtReg.LED_CFG));
        var buf = new byte[4];
        Assert.Equal(RtStatus.Io, Assert.Throws<RtException>(() => usb.ControlIn(UsbVendorRequest.USB_SINGLE_READ, 0, 0, buf, 50)).Status);
        Assert.Equal(RtStatus.Io, Assert.Throws<RtException>(() => usb.ControlOut(UsbVendorRequest.USB_EEPROM_WRITE, 0, 0, buf, 50)).Status);
        // USB_EEPROM_READ answers from any byte offset, 0xFF past the end.
        var ee = new byte[4];
        usb.ControlIn(UsbVendorRequest.USB_EEPROM_READ, 0, 4, ee, 50);
        Assert.Equal(nic.Options.Mac[..4], ee);
        usb.ControlIn(UsbVendorRequest.USB_EEPROM_READ, 0, 510, ee, 50);
        Assert.Equal(new byte[] { (byte)nic.EepromImage[255], (byte)(nic.EepromImage[255] >> 8), 0xFF, 0xFF }, ee);
    }

    [Fact]
    public void FlavoursRefuseTheWrongBus()
    {
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => new EmulatedPciBus(new EmulatedNic("emu:rt2870"))).Status);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => new EmulatedUsbControl(new EmulatedNic("emu:rt3090"))).Status);
        Assert.Null(Emulator.ModelOf(new UsbRegisterBus(new RecordingUsbControl())));
    }
}
