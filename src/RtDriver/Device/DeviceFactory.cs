using RtDriver.Emulation;
using RtDriver.Transport;

namespace RtDriver.Device;

/// <summary>
/// Turns a device spec (c-abi.md "Device specs") into a register bus. The one place that knows
/// every transport: "emu:…" → the built-in emulator, "pci:…" / "usb:…" → the real transports,
/// "auto" → the first supported real device, else RT_ERR_NO_DEVICE suggesting the emulator.
/// </summary>
public static class DeviceFactory
{
    public const string AutoSpec = "auto";

    /// <summary>The sentence every "no NIC here" answer ends with.</summary>
    public const string EmulatorHint =
        "to try rtdriver without a NIC use the built-in emulator: --device emu:rt2860 (rt_device_open(\"emu:rt2860\", …)); " +
        "emu:rt3090 (PCI), emu:rt2870 and emu:rt3070 (USB) and faults like emu:rt2860,fault=mcu-silent work too";

    /// <summary>Opens the bus behind <paramref name="spec"/>. Throws RtException (INVALID_ARGUMENT, NO_DEVICE, PERMISSION, IO, UNSUPPORTED).</summary>
    public static IRegisterBus OpenBus(string? spec)
    {
        if (spec is null) throw RtException.InvalidArgument("device spec is NULL");
        string s = spec.Trim();
        if (s.Length == 0) throw RtException.InvalidArgument("device spec is empty (try \"auto\" or \"emu:rt2860\")");
        if (EmulatorOptions.IsEmulatorSpec(s)) return Emulator.Open(s);
        if (s.StartsWith("pci:", StringComparison.OrdinalIgnoreCase)) return OpenPci(s);
        if (s.StartsWith("usb:", StringComparison.OrdinalIgnoreCase)) return OpenUsb(s);
        if (s.Equals(AutoSpec, StringComparison.OrdinalIgnoreCase)) return OpenAuto();
        throw RtException.InvalidArgument(
            $"device spec '{spec}' is not one of emu:rt2860|rt3090|rt2870|rt3070[,fault=…][,mac=…], pci:DDDD:BB:DD.F, usb:VVVV:PPPP[#N], usb:BUS.ADDR or auto");
    }

    // The real transports are wired here (helper "transports": PciTransport / UsbTransport / DeviceDiscovery).
    private static IRegisterBus OpenPci(string spec) =>
        throw new RtException(RtStatus.Unsupported,
            $"'{spec}': the PCI transport (VFIO/uio) is not part of this build yet; {EmulatorHint}");

    private static IRegisterBus OpenUsb(string spec) =>
        throw new RtException(RtStatus.Unsupported,
            $"'{spec}': the USB transport (libusb) is not part of this build yet; {EmulatorHint}");

    private static IRegisterBus OpenAuto() =>
        throw new RtException(RtStatus.NoDevice,
            $"auto: no supported RT2860-class NIC was found (device discovery is not part of this build yet); {EmulatorHint}");
}
