using System.Buffers.Binary;
using RtDriver.Transport;
using RtDriver.Transport.Usb;
using static RtDriver.Transport.Usb.UsbVendorRequest;

namespace RtDriver.Emulation;

/// <summary>
/// The USB flavour (emu:rt2870, emu:rt3070): the chip's default control pipe. Vendor requests
/// are decoded as the chip does (docs/hardware.md §3.2) — MULTI_WRITE/MULTI_READ at wIndex, SINGLE_WRITE of a
/// 16-bit half, EEPROM_READ, DEVICE_MODE (FIRMWARE starts the 8051, AUTORUN answers "not from
/// ROM") — so <see cref="UsbRegisterBus"/> (the real transport's encoding) is what drives it.
/// Requests the chip does not know fail with RT_ERR_IO, like a STALL.
/// </summary>
public sealed class EmulatedUsbControl : IUsbControl, IHardwareTiming, IHardwareClock
{
    /// <summary>Virtual time one control transfer takes (a USB 2.0 control transfer needs at least a microframe, 125 µs).</summary>
    public const int MicrosecondsPerTransfer = 125;

    public EmulatedNic Nic { get; }

    public EmulatedUsbControl(EmulatedNic nic)
    {
        if (!nic.Info.IsUsb) throw RtException.InvalidArgument($"{nic.Info.Name} is a PCI part; use EmulatedPciBus");
        Nic = nic;
    }

    public string Description => Nic.Description;

    public void DelayMicroseconds(int microseconds) => Nic.Delay(microseconds);

    public long NowMicroseconds => Nic.NowMicroseconds;

    public int ControlIn(byte request, ushort value, ushort index, Span<byte> data, int timeoutMs)
    {
        Nic.Trace.Add(new TraceEntry(TraceKind.UsbRequest, index, value, Request: request, Length: data.Length));
        Nic.Delay(MicrosecondsPerTransfer);
        switch (request)
        {
            case USB_MULTI_READ:
                Nic.HostReadRegion(index, data);
                return data.Length;
            case USB_EEPROM_READ:
                if (Nic.IsGone) { data.Fill(0xFF); return data.Length; }
                Nic.ReadEepromBytes(index, data);
                return data.Length;
            case USB_DEVICE_MODE when value == USB_MODE_AUTORUN:
                if (data.Length < 4) throw new RtException(RtStatus.Io, $"autorun query needs 4 bytes, got a {data.Length}-byte buffer (STALL)");
                // No firmware in ROM: the host must load the image.
                BinaryPrimitives.WriteUInt32LittleEndian(data, Nic.IsGone ? 0xFFFFFFFF : 0);
                return 4;
            default:
                throw new RtException(RtStatus.Io, $"emulated {Nic.Info.Name}: vendor IN request {request} (wValue 0x{value:X4}) is not supported (STALL)");
        }
    }

    public void ControlOut(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int timeoutMs)
    {
        Nic.Trace.Add(new TraceEntry(TraceKind.UsbRequest, index, value, Request: request, Length: data.Length));
        Nic.Delay(MicrosecondsPerTransfer);
        switch (request)
        {
            case USB_MULTI_WRITE:
                Nic.HostWriteRegion(index, data);
                return;
            case USB_SINGLE_WRITE:
            {
                // 16-bit write of wValue at wIndex (OpenBSD writes registers as two of these).
                Span<byte> half = stackalloc byte[2];
                BinaryPrimitives.WriteUInt16LittleEndian(half, value);
                Nic.HostWriteRegion(index, half);
                return;
            }
            case USB_DEVICE_MODE:
                if (Nic.IsGone) return;
                if (value == USB_MODE_FIRMWARE) Nic.StartMcu();
                // RESET/FUNCTION/TEST/UNPLUG: no modelled effect on registers the drivers rely on.
                return;
            default:
                throw new RtException(RtStatus.Io, $"emulated {Nic.Info.Name}: vendor OUT request {request} is not supported (STALL)");
        }
    }

    public void Dispose() { }
}
