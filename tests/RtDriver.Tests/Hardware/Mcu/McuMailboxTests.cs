using System.Diagnostics;
using RtDriver.Emulation;
using RtDriver.Hardware.Firmware;
using RtDriver.Hardware.Mcu;
using RtDriver.Hardware.Radio;
using RtDriver.Hardware.Registers;
using RtDriver.Tests.Emulation;
using RtDriver.Tests.Hardware.Firmware;
using RtDriver.Transport;
using Xunit;

namespace RtDriver.Tests.Hardware.Mcu;

public class McuMailboxTests
{
    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void The8051AnswersWithTokenAndStatus(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec);
        var mb = new McuMailbox(bus);
        var r = mb.Send(RtReg.MCU_WAKEUP, RtReg.TOKEN_WAKEUP, 0, 0x02, waitForCompletion: true);
        Assert.True(r.Awaited);
        Assert.Equal(RtReg.MCU_STATUS_SUCCESS, r.Status);
        Assert.True(r.Succeeded);
        Assert.InRange(r.Slot, 0, 3);
        Assert.InRange(r.Polls, 1, PollLimits.MCU_STATUS_COUNT);
        // Device time: the 8051 needs real (virtual) time to answer, within the 200 x 100 µs budget.
        Assert.NotNull(r.DeviceTime);
        Assert.InRange(r.DeviceTime!.Value.TotalMicroseconds, 1, PollLimits.MCU_STATUS_COUNT * PollLimits.MCU_STATUS_DELAY_US + 10_000);
        var last = nic.McuCommands[^1];
        Assert.Equal((RtReg.MCU_WAKEUP, RtReg.TOKEN_WAKEUP, (byte)0, (byte)2), (last.Command, last.Token, last.Arg0, last.Arg1));
        // Slots freed afterwards; owner released by the MCU.
        Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.H2M_MAILBOX_CID));
        Assert.Equal(0u, RtReg.H2M_MAILBOX_CSR_OWNER.Get(bus.Read32(RtReg.H2M_MAILBOX_CSR)));
        // Many commands in a row, every token comes back.
        for (byte t = 0; t < 40; t++)
            Assert.Equal(RtReg.MCU_STATUS_SUCCESS, mb.Send(RtReg.MCU_LED, t, 1, 0x20, waitForCompletion: true).Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.Pci), MemberType = typeof(EmulatorFlavours))]
    public void CommandRegisterOrderFollowsSection42And43(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec);
        nic.Trace.Enabled = true;
        var r = new McuMailbox(bus).Send(RtReg.MCU_SLEEP, RtReg.TOKEN_SLEEP, 0xFF, 0x02);
        var e = nic.Trace.Entries.Where(x => x.Kind is TraceKind.Read or TraceKind.Write).ToList();
        // 1. owner wait: a read of H2M_MAILBOX_CSR with the owner byte clear comes first
        Assert.Equal((TraceKind.Read, RtReg.H2M_MAILBOX_CSR), (e[0].Kind, e[0].Offset));
        Assert.Equal(0u, RtReg.H2M_MAILBOX_CSR_OWNER.Get(e[0].Value));
        var writes = e.Where(x => x.Kind == TraceKind.Write).Select(x => (x.Offset, x.Value)).ToArray();
        Assert.Equal(new[]
        {
            (RtReg.H2M_MAILBOX_CSR, 0x01_01_02_FFu),              // 2. OWNER 1 | token 1 | ARG1 2 | ARG0 0xFF
            (RtReg.HOST_CMD_CSR, (uint)RtReg.MCU_SLEEP),          // 3. kick
            (RtReg.H2M_MAILBOX_STATUS, 0xFFFFFFFFu),              // free all slots afterwards
            (RtReg.H2M_MAILBOX_CID, 0xFFFFFFFFu),
        }, writes);
        // completion: CID polled until the token shows, then STATUS read from the same slot
        int cidHit = e.FindIndex(x => x.Kind == TraceKind.Read && x.Offset == RtReg.H2M_MAILBOX_CID && (byte)(x.Value >> (8 * r.Slot)) == RtReg.TOKEN_SLEEP);
        int status = e.FindIndex(x => x.Kind == TraceKind.Read && x.Offset == RtReg.H2M_MAILBOX_STATUS);
        Assert.True(cidHit > 0 && status > cidHit);
        Assert.Equal(RtReg.MCU_STATUS_SUCCESS, (byte)(e[status].Value >> (8 * r.Slot)));
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.Usb), MemberType = typeof(EmulatorFlavours))]
    public void UsbCommandsAreNotAwaitedByDefault(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec);
        var r = new McuMailbox(bus).Send(RtReg.MCU_CURRENT, 0, 0, 0);
        Assert.False(r.Awaited);
        Assert.Null(r.Status);
        bus.Delay(1000);
        Assert.Equal(RtReg.MCU_CURRENT, nic.McuCommands[^1].Command);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.Pci), MemberType = typeof(EmulatorFlavours))]
    public void TokenFfIsNotAwaitedAndCannotBe(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec);
        var mb = new McuMailbox(bus);
        Assert.False(mb.Send(RtReg.MCU_LED_AG_CONF, RtReg.MCU_TOKEN_NO_STATUS, 0x55, 0x55).Awaited);
        Assert.Equal(RtStatus.InvalidArgument, Assert.Throws<RtException>(() => mb.Send(RtReg.MCU_LED, 0xFF, 0, 0, waitForCompletion: true)).Status);
        bus.Delay(1000);
        Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.H2M_MAILBOX_CID)); // no status posted for token 0xFF
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void McuSilentIsABoundedTimeoutAndTheDeviceStaysUsable(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec + ",fault=mcu-silent");
        var mb = new McuMailbox(bus);
        long t0 = nic.NowMicroseconds;
        var e = Assert.Throws<RtException>(() => mb.Send(RtReg.MCU_WAKEUP, RtReg.TOKEN_WAKEUP, 0, 0, waitForCompletion: true));
        Assert.Equal(RtStatus.Timeout, e.Status);
        if (nic.Info.IsUsb)
            // The boot signal of the USB load was never taken, so the owner byte is still set.
            Assert.Contains("mailbox is still owned by the MCU", e.Message);
        else
        {
            Assert.Contains("MCU did not answer command 0x31 token 3 within 200 x 100 µs", e.Message);
            Assert.Contains("MCU request failed, no response from hardware", e.Message);
        }
        Assert.InRange(nic.NowMicroseconds - t0, 1000, 30_000); // the named budget, in device time
        // A second command is also a clean timeout (owner never released).
        var e2 = Assert.Throws<RtException>(() => mb.Send(RtReg.MCU_SLEEP, RtReg.TOKEN_SLEEP, 0xFF, 1, waitForCompletion: true));
        Assert.Equal(RtStatus.Timeout, e2.Status);
        Assert.Contains("not sent", e2.Message);
        // Everything that does not need the MCU still works.
        Assert.Equal(nic.Info.MacCsr0, bus.Read32(RtReg.MAC_CSR0));
        bus.Write32(RtReg.PairwiseKeyEntry(40), 0xCAFEF00D);
        Assert.Equal(0xCAFEF00Du, bus.Read32(RtReg.PairwiseKeyEntry(40)));
        Bbp.Write(bus, 66, 0x1C);
        Assert.Equal(0x1C, Bbp.Read(bus, 66));
        Assert.Empty(nic.McuCommands);
    }

    [Fact]
    public void WithoutFirmwareTheMailboxTimesOut()
    {
        var (bus, _) = EmulatorFlavours.Open("emu:rt2860");
        var e = Assert.Throws<RtException>(() => new McuMailbox(bus).Send(RtReg.MCU_WAKEUP, 3, 0, 0));
        Assert.Equal(RtStatus.Timeout, e.Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.Pci), MemberType = typeof(EmulatorFlavours))]
    public void AllFourSlotsTakenDropsTheStatusThenClearingRecovers(string spec)
    {
        var (bus, _, _, _) = FirmwareLoadTests.LoadOpen(spec);
        var mb = new McuMailbox(bus);
        bus.Write32(RtReg.H2M_MAILBOX_CID, 0x04030201);
        var e = Assert.Throws<RtException>(() => mb.Send(RtReg.MCU_WAKEUP, 9, 0, 0));
        Assert.Equal(RtStatus.Timeout, e.Status);
        Assert.Equal(0xFFFFFFFFu, bus.Read32(RtReg.H2M_MAILBOX_CID)); // cleared on timeout too
        Assert.Equal(RtReg.MCU_STATUS_SUCCESS, mb.Send(RtReg.MCU_WAKEUP, 9, 0, 0).Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void BehaviouralMcuAnswersTheSameWay(string spec)
    {
        var (bus, nic) = EmulatorFlavours.Open(spec);
        var chip = RtDriver.Hardware.Chip.ChipIdentification.Identify(bus);
        var file = nic.Info.IsUsb ? "rt2870.bin" : "rt2860.bin";
        new FirmwareLoader(bus, chip).Load(File.ReadAllBytes(Path.Combine(TestPaths.RequireShared("testdata", "firmware", "linux-firmware-2019"), file)), file);
        Assert.Equal(McuProgramKind.Behavioural, nic.McuProgram);
        var r = new McuMailbox(bus).Send(RtReg.MCU_SLEEP, RtReg.TOKEN_SLEEP, 0xFF, 2, waitForCompletion: true);
        Assert.Equal(RtReg.MCU_STATUS_SUCCESS, r.Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void GoneDeviceMailboxIsDeviceGone(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec);
        var gone = new EmulatedNic(nic.Options); // count accesses of a load, then replay with gone-after
        long n = nic.AccessCount;
        var (bus2, nic2, _, _) = FirmwareLoadTests.LoadOpen($"{spec},fault=gone-after={n + 2}");
        var e = Assert.Throws<RtException>(() => new McuMailbox(bus2).Send(RtReg.MCU_WAKEUP, 3, 0, 0, waitForCompletion: true));
        Assert.Equal(RtStatus.DeviceGone, e.Status);
    }

    [Theory]
    [MemberData(nameof(EmulatorFlavours.All), MemberType = typeof(EmulatorFlavours))]
    public void BbpAgentThroughTheMcu(string spec)
    {
        var (bus, nic, _, _) = FirmwareLoadTests.LoadOpen(spec);
        Bbp.Write(bus, 70, 0x0A);
        // OpenBSD PCI: the BBP request word goes to H2M_BBP_AGENT, then MCU command 0x80.
        bus.Write32(RtReg.H2M_BBP_AGENT, RtReg.BBP_CSR_CFG_REGNUM.Make(70) | RtReg.BBP_CSR_CFG_READ_CONTROL | RtReg.BBP_CSR_CFG_BUSY | RtReg.BBP_CSR_CFG_BBP_RW_MODE);
        new McuMailbox(bus).Send(RtReg.MCU_BBP_SIGNAL, RtReg.MCU_TOKEN_NO_STATUS, 0, 0, waitForCompletion: false);
        uint v = bus.WaitForClear(RtReg.H2M_BBP_AGENT, RtReg.BBP_CSR_CFG_BUSY, 10, 100, "BBP agent");
        Assert.Equal(0x0Au, RtReg.BBP_CSR_CFG_VALUE.Get(v));
        bus.Write32(RtReg.H2M_BBP_AGENT, RtReg.BBP_CSR_CFG_REGNUM.Make(71) | RtReg.BBP_CSR_CFG_VALUE.Make(0x5E) | RtReg.BBP_CSR_CFG_BUSY | RtReg.BBP_CSR_CFG_BBP_RW_MODE);
        new McuMailbox(bus).Send(RtReg.MCU_BBP_SIGNAL, RtReg.MCU_TOKEN_NO_STATUS, 0, 0, waitForCompletion: false);
        bus.WaitForClear(RtReg.H2M_BBP_AGENT, RtReg.BBP_CSR_CFG_BUSY, 10, 100, "BBP agent");
        Assert.Equal(0x5E, Bbp.Read(bus, 71));
        Assert.Equal(0x5E, nic.Bbp[71]);
    }
}
