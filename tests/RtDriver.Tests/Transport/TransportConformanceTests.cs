using Xunit;
using RtDriver.Emulation;
using RtDriver.Hardware.Chip;
using RtDriver.Hardware.Firmware;
using RtDriver.Hardware.Mcu;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Tests.Transport;

/// <summary>
/// The register-level checks, one suite parameterized by transport (<see cref="TransportMatrix"/>):
/// the same code must see the same chip whether it talks to the emulator directly, through the
/// MMIO layer VFIO/uio use, or through the libusb vendor-request layer.
/// </summary>
public class TransportConformanceTests
{
    private static readonly string[] NoFirmwareDirs = [Path.Combine(Path.GetTempPath(), "transports-no-firmware-here")];

    /// <summary>The chip as the hardware services see it through the emulator's own bus: the reference every transport must match.</summary>
    private static ChipInfo Reference(string spec)
    {
        using var bus = Emulator.Open(spec);
        return ChipInfo.Probe(bus);
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void IdentificationAndEepromMatchTheReference(string spec, string transport)
    {
        var reference = Reference(spec);
        var (bus, nic) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            var info = ChipInfo.Probe(bus);
            Assert.Equal(reference.Identity, info.Identity);
            Assert.Equal(nic.Info.ChipId, info.Identity.ChipId);
            Assert.Equal(nic.Info.IsUsb, info.Identity.IsUsb);
            Assert.Equal(reference.Eeprom.Source, info.Eeprom.Source);
            Assert.Equal(reference.Eeprom.Words, info.Eeprom.Words);
            Assert.Equal(nic.Options.Mac, info.Mac);
            Assert.Equal(reference.RfId, info.RfId);
        }
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void FirmwareLoadsAndTheMcuRuns(string spec, string transport)
    {
        var (bus, nic) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            var chip = ChipIdentification.Identify(bus);
            var result = new FirmwareLoader(bus, chip).LoadFromSearchPath(emulated: true, NoFirmwareDirs);
            Assert.True(result.Image.IsOpenImage);
            Assert.Equal(nic.Info.IsUsb ? 4096 : 8192, result.PayloadLength);
            Assert.Equal(McuProgramKind.Executed8051, nic.McuProgram);
            Assert.True(nic.McuReady, nic.LastFirmwareStart);
            Assert.Equal(result.PayloadCrc, nic.RunningFirmwareCrc);
            Assert.NotEqual(0u, bus.Read32(RtReg.PBF_SYS_CTRL) & RtReg.PBF_SYS_CTRL_READY);
            if (TransportMatrix.PipeOf(bus) is { } pipe)
            {
                // Everything went down as vendor setup packets: 4 KiB of image in 64-byte multi-writes,
                // then DEVICE_MODE FIRMWARE (docs/hardware.md §5.4).
                Assert.All(pipe.Setups, s => Assert.True(s.RequestType is 0x40 or 0xC0, $"bmRequestType 0x{s.RequestType:x2}"));
                var image = pipe.Setups.Where(s => s.Request == UsbVendorRequest.USB_MULTI_WRITE && s.Index >= RtReg.FIRMWARE_IMAGE_BASE_USB && s.Index < RtReg.FIRMWARE_WINDOW_END).ToList();
                Assert.Equal(4096 / 64, image.Count);
                Assert.All(image, s => Assert.Equal(64, s.Length));
                Assert.Contains(pipe.Setups, s => s.RequestType == 0x40 && s.Request == UsbVendorRequest.USB_DEVICE_MODE && s.Value == UsbVendorRequest.USB_MODE_FIRMWARE);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void MailboxCommandReachesTheMcu(string spec, string transport)
    {
        var (bus, nic) = TransportMatrix.Open(spec, transport);
        using (bus)
        {
            var chip = ChipIdentification.Identify(bus);
            new FirmwareLoader(bus, chip).LoadFromSearchPath(emulated: true, NoFirmwareDirs);
            var mailbox = new McuMailbox(bus);
            // PCI drivers wait for the token in H2M_MAILBOX_CID; USB drivers only send (docs/hardware.md §6).
            var r = mailbox.Send(RtReg.MCU_WAKEUP, RtReg.TOKEN_WAKEUP, 0, 0x02);
            Assert.Equal(!nic.Info.IsUsb, r.Awaited);
            if (r.Awaited) Assert.Equal(RtReg.MCU_STATUS_SUCCESS, r.Status);
            bus.Delay(1000);
            var last = nic.McuCommands[^1];
            Assert.Equal((RtReg.MCU_WAKEUP, RtReg.TOKEN_WAKEUP, (byte)0, (byte)2), (last.Command, last.Token, last.Arg0, last.Arg1));
            Assert.Equal(0u, RtReg.H2M_MAILBOX_CSR_OWNER.Get(bus.Read32(RtReg.H2M_MAILBOX_CSR)));
        }
    }

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
            // Write access to the PCI program RAM needs HOST_RAM_WRITE (docs/hardware.md §5.3); USB has no such step.
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
