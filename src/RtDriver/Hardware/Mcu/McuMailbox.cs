using System.Diagnostics;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Hardware.Mcu;

/// <summary>
/// The host-to-MCU mailbox (docs/hardware.md §6): wait for the owner byte to clear, write OWNER | token | args to
/// H2M_MAILBOX_CSR, kick HOST_CMD_CSR with the command, then (PCI, token ≠ 0xFF) poll
/// H2M_MAILBOX_CID for the token, read the status byte in the same H2M_MAILBOX_STATUS slot and
/// free all slots (also on timeout). USB drivers never wait for completion, so on a USB bus the
/// command is only sent. Every wait is bounded; a silent MCU is RT_ERR_TIMEOUT and leaves the
/// device usable for everything that does not need the MCU.
/// </summary>
public sealed class McuMailbox
{
    private readonly IRegisterBus _bus;

    public McuMailbox(IRegisterBus bus) => _bus = bus ?? throw new ArgumentNullException(nameof(bus));

    /// <summary>USB chips: no completion polling (Linux/OpenBSD), 20-poll owner wait.</summary>
    public bool IsUsb => _bus is IUsbDeviceRequests;

    private int OwnerPolls => IsUsb ? PollLimits.REGISTER_USB_BUSY_COUNT : PollLimits.REGISTER_BUSY_COUNT;

    /// <summary>
    /// Sends a command. Waits for completion when <paramref name="waitForCompletion"/> is true, or
    /// (null) by default on PCI with a token other than 0xFF.
    /// </summary>
    public McuCommandResult Send(byte command, byte token, byte arg0, byte arg1, bool? waitForCompletion = null)
    {
        bool wait = waitForCompletion ?? (!IsUsb && token != RtReg.MCU_TOKEN_NO_STATUS);
        if (wait && token == RtReg.MCU_TOKEN_NO_STATUS)
            throw RtException.InvalidArgument($"MCU command 0x{command:X2}: token 0xFF means \"no status report\", so completion cannot be awaited");
        WaitOwnerFree(command, token);
        var sw = Stopwatch.StartNew();
        var clock = _bus as IHardwareClock;
        long t0 = clock?.NowMicroseconds ?? 0;
        TimeSpan? DeviceTime() => clock is null ? null : TimeSpan.FromMicroseconds(clock.NowMicroseconds - t0);
        WriteMailbox(token, arg0, arg1);
        Kick(command);
        if (!wait) return new McuCommandResult(command, token, arg0, arg1, false, null, -1, 0, sw.Elapsed, DeviceTime());
        try
        {
            var (slot, polls) = WaitCompletion(command, token);
            var elapsed = sw.Elapsed;
            var device = DeviceTime();
            byte status = ReadStatus(slot);
            return new McuCommandResult(command, token, arg0, arg1, true, status, slot, polls, elapsed, device);
        }
        finally
        {
            // Both drivers free all slots afterwards, also on timeout: a full CID drops statuses.
            ClearSlots();
        }
    }

    /// <summary>Step 1: the previous command must have been taken (owner byte 0), else this one would be lost.</summary>
    public void WaitOwnerFree(byte command, byte token)
    {
        uint last = 0;
        try
        {
            _bus.WaitUntil(RtReg.H2M_MAILBOX_CSR, v => { last = v; return RtReg.H2M_MAILBOX_CSR_OWNER.Get(v) == 0; },
                OwnerPolls, PollLimits.REGISTER_BUSY_DELAY_US, "MCU mailbox owner wait");
        }
        catch (RtException e) when (e.Status == RtStatus.Timeout)
        {
            throw new RtException(RtStatus.Timeout,
                $"MCU command 0x{command:X2} token {token} not sent: the mailbox is still owned by the MCU after {OwnerPolls} x "
                + $"{RegisterBusExtensions.FormatDelay(PollLimits.REGISTER_BUSY_DELAY_US)} (H2M_MAILBOX_CSR 0x{last:X8}, token "
                + $"{RtReg.H2M_MAILBOX_CSR_CMD_TOKEN.Get(last)} never taken) — the 8051 is not running or is not answering", e);
        }
    }

    /// <summary>Step 2: OWNER 1 | token | ARG1 | ARG0.</summary>
    public void WriteMailbox(byte token, byte arg0, byte arg1) =>
        _bus.Write32(RtReg.H2M_MAILBOX_CSR,
            RtReg.H2M_MAILBOX_CSR_OWNER.Make(1) | RtReg.H2M_MAILBOX_CSR_CMD_TOKEN.Make(token)
            | RtReg.H2M_MAILBOX_CSR_ARG1.Make(arg1) | RtReg.H2M_MAILBOX_CSR_ARG0.Make(arg0));

    /// <summary>Step 3: the command code in HOST_CMD_CSR signals the MCU.</summary>
    public void Kick(byte command) => _bus.Write32(RtReg.HOST_CMD_CSR, RtReg.HOST_CMD_CSR_COMMAND.Make(command));

    /// <summary>Polls H2M_MAILBOX_CID until one byte slot holds the token: 200 × 100 µs.</summary>
    public (int slot, int polls) WaitCompletion(byte command, byte token)
    {
        int polls = 0;
        uint last = 0;
        try
        {
            uint cid = _bus.WaitUntil(RtReg.H2M_MAILBOX_CID, v => { polls++; last = v; return SlotOf(v, token) >= 0; },
                PollLimits.MCU_STATUS_COUNT, PollLimits.MCU_STATUS_DELAY_US, "MCU completion wait");
            return (SlotOf(cid, token), polls);
        }
        catch (RtException e) when (e.Status == RtStatus.Timeout)
        {
            throw new RtException(RtStatus.Timeout,
                $"MCU did not answer command 0x{command:X2} token {token} within {PollLimits.MCU_STATUS_COUNT} x "
                + $"{RegisterBusExtensions.FormatDelay(PollLimits.MCU_STATUS_DELAY_US)} (H2M_MAILBOX_CID 0x{last:X8}) — the 8051 is not "
                + "running or is not answering (the \"MCU request failed, no response from hardware\" case)", e);
        }
    }

    /// <summary>The status byte in the H2M_MAILBOX_STATUS slot matching the token's CID slot.</summary>
    public byte ReadStatus(int slot) => (byte)(_bus.ReadChecked(RtReg.H2M_MAILBOX_STATUS, "MCU status read") >> (8 * slot));

    /// <summary>Frees all four CID/STATUS slots.</summary>
    public void ClearSlots()
    {
        _bus.Write32(RtReg.H2M_MAILBOX_STATUS, RtReg.H2M_MAILBOX_SLOTS_FREE);
        _bus.Write32(RtReg.H2M_MAILBOX_CID, RtReg.H2M_MAILBOX_SLOTS_FREE);
    }

    private static int SlotOf(uint cid, byte token)
    {
        for (int i = 0; i < RtReg.H2M_MAILBOX_SLOT_COUNT; i++)
            if ((byte)(cid >> (8 * i)) == token) return i;
        return -1;
    }
}
