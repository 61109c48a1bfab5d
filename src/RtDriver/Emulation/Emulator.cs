using RtDriver.Transport;
using RtDriver.Transport.Usb;

namespace RtDriver.Emulation;

/// <summary>
/// Entry point for the built-in emulated NIC (<c>emu:</c> device specs of the C ABI). The PCI
/// flavour is an <see cref="IRegisterBus"/> directly; the USB flavour is an
/// <see cref="EmulatedUsbControl"/> behind the real <see cref="UsbRegisterBus"/> encoding.
/// Either bus reports <see cref="BusKind.Emulator"/>.
/// </summary>
public static class Emulator
{
    /// <summary>Opens "emu:rt2860|rt3090|rt2870|rt3070[,fault=…][,mac=…]".</summary>
    public static IRegisterBus Open(string spec) => Open(spec, out _);

    /// <summary>As <see cref="Open(string)"/>, also handing out the chip model (trace, faults, MCU state) for tests and rtprobe.</summary>
    public static IRegisterBus Open(string spec, out EmulatedNic nic) => Open(EmulatorOptions.Parse(spec), out nic);

    public static IRegisterBus Open(EmulatorOptions options, out EmulatedNic nic)
    {
        nic = new EmulatedNic(options);
        return nic.Info.IsUsb
            ? new UsbRegisterBus(new EmulatedUsbControl(nic), BusKind.Emulator)
            : new EmulatedPciBus(nic);
    }

    /// <summary>The chip model behind a bus returned by <see cref="Open(string)"/>, or null for a real device.</summary>
    public static EmulatedNic? ModelOf(IRegisterBus bus) => bus switch
    {
        EmulatedPciBus pci => pci.Nic,
        UsbRegisterBus { Control: EmulatedUsbControl usb } => usb.Nic,
        _ => null,
    };
}
