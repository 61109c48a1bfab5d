using RtDriver.Emulation;
using RtDriver.Transport;
using RtDriver.Transport.Discovery;
using RtDriver.Transport.Usb;

namespace RtDriver.Device;

/// <summary>
/// Turns a device spec (docs/c-abi.md "Device specs"; the exact grammar is <see cref="DeviceSpec"/>) into a register bus. The one place that knows
/// every transport: "emu:…" → the built-in emulator, "pci:…" / "usb:…" → the real transports,
/// "auto" → the first supported real device, else RT_ERR_NO_DEVICE suggesting the emulator.
/// It is also the one type of the device layer that knows emulators exist (docs/architecture.md,
/// Allowed dependencies): the emulator's spec options, its name and its chip model are asked for here.
/// </summary>
public static class DeviceFactory
{
    public const string AutoSpec = "auto";

    /// <summary>
    /// The sentence every "no NIC here" answer ends with. It names device specs, not CLI options or
    /// C calls: this text reaches C callers (rt_last_error) and rtprobe users alike.
    /// </summary>
    public const string EmulatorHint =
        "to try rtdriver without a NIC, open the built-in emulator with the device spec emu:rt2860 " +
        "(emu:rt3090 is PCI too, emu:rt2870 and emu:rt3070 are USB; faults such as emu:rt2860,fault=mcu-silent work too)";

    /// <summary>
    /// Opens the bus behind <paramref name="spec"/>, which must match the grammar of
    /// <see cref="DeviceSpec"/> exactly. Throws RtException (INVALID_ARGUMENT, NO_DEVICE, PERMISSION, IO, UNSUPPORTED).
    /// </summary>
    public static IRegisterBus OpenBus(string? spec)
    {
        var parsed = DeviceSpec.Parse(spec);
        return parsed.Kind switch
        {
            DeviceSpecKind.Emulator => Emulator.Open(parsed.Text),
            DeviceSpecKind.Pci => OpenPci(parsed.Text),
            DeviceSpecKind.Usb => OpenUsb(parsed.Text),
            _ => OpenAuto(),
        };
    }

    /// <summary>Checks the "emu:…" part of the grammar (chip, faults, mac) for <see cref="DeviceSpec.Parse"/>.</summary>
    internal static void CheckEmulatorSpec(string spec) => EmulatorOptions.Parse(spec);

    /// <summary>The emulated part's marketing name when <paramref name="bus"/> is one of the emulator's buses, else null.</summary>
    internal static string? EmulatedName(IRegisterBus bus) => Emulator.ModelOf(bus)?.Info.Name;

    extension(RtDevice device)
    {
        /// <summary>The emulated chip behind this device (tests, rtprobe), or null for real hardware.</summary>
        public EmulatedNic? EmulatorModel => Emulator.ModelOf(device.Bus);
    }

    // The real transports (helper "transports"): VFIO/uio PCI, libusb USB, sysfs + libusb discovery.
    private static IRegisterBus OpenPci(string spec) => PciTransport.Open(spec);

    private static IRegisterBus OpenUsb(string spec) => UsbTransport.Open(spec);

    /// <summary>
    /// "auto": the first supported NIC that is usable as it stands (bound to vfio-pci/uio, or a USB
    /// device libusb can open). None → RT_ERR_NO_DEVICE naming what was found and how to set it up,
    /// and how to use the emulator instead.
    /// </summary>
    private static IRegisterBus OpenAuto()
    {
        DiscoveryResult scan;
        try
        {
            scan = DeviceDiscovery.ScanWithNotes();
        }
        catch (RtException e)
        {
            throw new RtException(RtStatus.NoDevice, $"auto: device discovery failed ({e.Message}); {EmulatorHint}", e);
        }
        var usable = scan.Devices.FirstOrDefault(d => d.Usable);
        if (usable is not null) return OpenBus(usable.Spec);
        if (scan.Devices.Count > 0)
        {
            var found = string.Join("; ", scan.Devices.Select(d =>
                $"{d.Spec} ({d.Name}): {d.Status}{(d.Setup.Count > 0 ? " — " + string.Join(" && ", d.Setup) : "")}"));
            throw new RtException(RtStatus.NoDevice, $"auto: found RT2860-class hardware but none is usable yet: {found}. Meanwhile, {EmulatorHint}");
        }
        throw new RtException(RtStatus.NoDevice,
            $"auto: no supported RT2860-class NIC was found ({scan.PciFunctionsScanned} PCI functions, {scan.UsbDevicesScanned} USB devices looked at); {EmulatorHint}");
    }
}
