using Xunit;
using RtDriver.Emulation;
using RtDriver.Hardware.Registers;
using RtDriver.Transport;
using RtDriver.Transport.Mmio;
using RtDriver.Transport.Usb;
using RtDriver.Tests.Fakes;

namespace RtDriver.Tests.Transport;

/// <summary>
/// One emulated chip reached through one transport's encoding layer. The register-level suite
/// (<see cref="TransportConformanceTests"/>) runs unchanged over every row:
///   direct  — the emulator's own bus (EmulatedPciBus, or UsbRegisterBus over EmulatedUsbControl)
///   mmio    — MmioRegisterBus (the VFIO/uio register layer) over a window forwarding to the chip
///   libusb  — UsbRegisterBus over LibUsbControl (setup packets, bmRequestType, libusb error
///             mapping) over a pipe that hands each setup packet to the emulator's USB flavour
/// </summary>
public static class TransportMatrix
{
    public static TheoryData<string, string> All => new()
    {
        { "emu:rt2860", "direct" }, { "emu:rt2860", "mmio" },
        { "emu:rt3090", "direct" }, { "emu:rt3090", "mmio" },
        { "emu:rt2870", "direct" }, { "emu:rt2870", "libusb" },
        { "emu:rt3070", "direct" }, { "emu:rt3070", "libusb" },
    };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IRegisterBus, RecordingLibUsbPipe> Pipes = new();

    /// <summary>The setup-packet recorder under a "libusb" row's bus (null for other rows).</summary>
    internal static RecordingLibUsbPipe? PipeOf(IRegisterBus bus) => Pipes.TryGetValue(bus, out var p) ? p : null;

    public static (IRegisterBus Bus, EmulatedNic Nic) Open(string spec, string transport)
    {
        switch (transport)
        {
            case "direct":
            {
                var bus = Emulator.Open(spec, out var nic);
                return (bus, nic);
            }
            case "mmio":
            {
                var nic = new EmulatedNic(spec);
                var window = new EmulatorMmioWindow(nic);
                // The emulator has no config space: the chip's liveness rule is the presence check, as it was built in before.
                return (new MmioRegisterBus(window, new ChipPresence(window.Read32), $"mmio over {nic.Description}", BusKind.PciVfio), nic);
            }
            case "libusb":
            {
                var nic = new EmulatedNic(spec);
                var pipe = new RecordingLibUsbPipe { Device = new EmulatedUsbControl(nic) };
                var control = new LibUsbControl(pipe, 0x148f, 0x3070, 1, 4, RecordingLibUsbPipe.Rt2870Endpoints);
                var bus = new UsbRegisterBus(new VirtualTimeUsbControl(control, nic));
                Pipes.Add(bus, pipe);
                return (bus, nic);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport row");
        }
    }

    /// <summary>BAR0 as the emulator's chip sees host accesses: 32-bit loads/stores only, emulator time for delays.</summary>
    internal sealed class EmulatorMmioWindow(EmulatedNic nic) : IMmioWindow, IHardwareTiming
    {
        public ulong Length => EmulatedNic.RegisterSpaceBytes;
        public uint Read32(uint offset) => nic.HostRead32(offset);
        public void Write32(uint offset, uint value) => nic.HostWrite32(offset, value);
        public void DelayMicroseconds(int microseconds) => nic.Delay(microseconds);
    }

    /// <summary>
    /// Passes every request to the real LibUsbControl unchanged and only lends the emulator's
    /// virtual clock to delays, so polling loops cost no wall-clock time and the emulated MCU
    /// advances as it would between real transfers.
    /// </summary>
    private sealed class VirtualTimeUsbControl(LibUsbControl inner, EmulatedNic nic) : IUsbControl, IHardwareTiming
    {
        public string Description => inner.Description;
        public int ControlIn(byte request, ushort value, ushort index, Span<byte> data, int timeoutMs) => inner.ControlIn(request, value, index, data, timeoutMs);
        public void ControlOut(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int timeoutMs) => inner.ControlOut(request, value, index, data, timeoutMs);
        public void DelayMicroseconds(int microseconds) => nic.Delay(microseconds);
        public void Dispose() => inner.Dispose();
    }
}
