using Xunit;
using RtDriver.Emulation;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;

namespace RtDriver.Tests.Transport;

/// <summary>
/// The register-level checks, one suite parameterized by transport (<see cref="TransportMatrix"/>):
/// the same code must see the same chip whether it talks to the emulator directly, through the
/// MMIO layer VFIO/uio use, or through the libusb vendor-request layer.
/// </summary>
public class TransportConformanceTests
{
    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void ChipIdentityReadsTheSame(string spec, string transport)
    {
        var (bus, nic) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            uint id = bus.Read32(RtReg.MAC_CSR0);
            Assert.Equal(nic.Info.MacCsr0, id);
            Assert.Equal(nic.Info.ChipId, RtReg.MAC_CSR0_CHIPSET.Get(id));
        }
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void KeyMemoryRoundTripsAlignedAndUnaligned(string spec, string transport)
    {
        var (bus, nic) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 13 + 5)).ToArray();
            bus.WriteRegion(RtReg.PairwiseKeyEntry(9), key);
            var back = new byte[32];
            bus.ReadRegion(RtReg.PairwiseKeyEntry(9), back);
            Assert.Equal(key, back);
            // The chip saw whole little-endian words.
            Assert.Equal((uint)(key[0] | key[1] << 8 | key[2] << 16 | key[3] << 24), nic.Peek(RtReg.PairwiseKeyEntry(9)));

            bus.WriteRegion(RtReg.SharedKeyEntry(2, 1) + 3, new byte[] { 0xA1, 0xA2, 0xA3, 0xA4, 0xA5 });
            var b = new byte[12];
            bus.ReadRegion(RtReg.SharedKeyEntry(2, 1), b);
            Assert.Equal(new byte[] { 0xA1, 0xA2, 0xA3, 0xA4, 0xA5 }, b[3..8]);

            bus.Write32(RtReg.MacWcidAttributeEntry(17), 0x0000_0009);
            Assert.Equal(9u, bus.Read32(RtReg.MacWcidAttributeEntry(17)));
            // A register that legitimately holds all-ones is a value on every transport, not "gone".
            bus.Write32(RtReg.MacWcidEntry(0), 0xFFFFFFFF);
            Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.MacWcidEntry(0)));
        }
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void FirmwareWindowTakesAnImageByteExact(string spec, string transport)
    {
        var (bus, nic) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            // Write access to the PCI program RAM needs HOST_RAM_WRITE (§3.3); USB has no such step.
            if (!nic.Info.IsUsb) bus.SetBits(RtReg.PBF_SYS_CTRL, RtReg.PBF_SYS_CTRL_HOST_RAM_WRITE);
            var image = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
            bus.WriteRegion(nic.FirmwareBase, image);
            var back = new byte[image.Length];
            bus.ReadRegion(nic.FirmwareBase, back);
            Assert.Equal(image, back);
        }
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void MailboxRegistersBehaveAlike(string spec, string transport)
    {
        var (bus, _) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            bus.Write32(RtReg.H2M_MAILBOX_CID, 0x12345678);
            Assert.Equal(0x12345678u, bus.Read32(RtReg.H2M_MAILBOX_CID));
            bus.Modify(RtReg.H2M_MAILBOX_STATUS, 0xFFFFFFFF, 0);
            Assert.Equal(0u, bus.Read32(RtReg.H2M_MAILBOX_STATUS));
        }
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void SurpriseRemovalIsDeviceGoneOnEveryTransport(string spec, string transport)
    {
        var (bus, _) = TransportMatrix.Open(spec + ",fault=gone-after=5", transport);
        using (bus)
        {
            for (int i = 0; i < 5; i++) bus.Read32(RtReg.MAC_CSR0);
            var e = Assert.Throws<RtException>(() => bus.ReadChecked(RtReg.MacWcidAttributeEntry(1), "read after removal"));
            Assert.Equal(RtStatus.DeviceGone, e.Status);
        }
    }
}
