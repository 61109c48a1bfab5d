using System.Diagnostics;
using RtDriver.Hardware.Firmware;
using RtDriver.Hardware.Keys;
using RtDriver.Hardware.Mcu;
using RtDriver.Hardware.Registers;
using RtDriver.Offload;
using RtDriver.Transport;

namespace RtDriver.Device;

/// <summary>
/// The device façade (architecture.md): one NIC behind a register bus — identity, firmware, MCU,
/// raw registers and the keys a supplicant sets. Every public member is serialised on one lock
/// (the ABI allows one thread per object; the lock makes misuse safe rather than corrupting).
///
/// Gone devices: a removed PCI card or dead USB stick reads all-ones. Every call that touches
/// the device checks for that (MAC_CSR0 all-ones confirms it) and from then on every device call
/// fails with RT_ERR_DEVICE_GONE at once, without touching the bus again. Exceptions, by contract
/// and by design: <see cref="SetKey"/> still places keys — in software (docs/c-abi.md: set_key never
/// fails because the device is unresponsive) — and the key listing and the keys' software twins
/// stay usable, so keys are kept in software and the frame path goes on.
/// </summary>
public sealed class RtDevice : IDisposable, IKeyOffloadHost
{
    private readonly object _gate = new();
    private readonly IRegisterBus _bus;
    private readonly HardwareKeyTables _tables;
    private readonly KeyOffload _keys;
    private readonly string? _emulatedName;
    private string? _goneReason;
    private bool _disposed;
    private DeviceRole _role;

    private RtDevice(IRegisterBus bus, string spec, WcidAllocator? wcids)
    {
        _bus = bus;
        Spec = spec;
        _emulatedName = DeviceFactory.EmulatedName(bus);
        _tables = new HardwareKeyTables(bus);
        _keys = new KeyOffload(this, wcids);
        IsUsb = bus.IsUsb;
        // RT3290 keeps its version word elsewhere; only a PCI function knows its device id (docs/hardware.md §2.1).
        Identity = DeviceIdentity.Read(bus, _emulatedName, bus.PciDeviceId);
        // docs/hardware.md §8.10: key memory is not reset by hardware ("garbage after boot"): start from a known state.
        _tables.ClearAll();
        Liveness("opening the device");
    }

    /// <summary>Opens a device by spec ("emu:rt2860", "pci:0000:03:00.0", "usb:148f:3070", "auto"; grammar: <see cref="DeviceSpec"/>).</summary>
    public static RtDevice Open(string? spec)
    {
        var bus = DeviceFactory.OpenBus(spec);
        return OpenOn(bus, spec!); // exact by then: the grammar admits no surrounding whitespace
    }

    /// <summary>Builds a device on an already open bus (tests with a traced or fake bus). Owns the bus.</summary>
    public static RtDevice OpenOn(IRegisterBus bus, string spec, WcidAllocator? wcids = null)
    {
        try
        {
            return new RtDevice(bus, spec, wcids);
        }
        catch
        {
            bus.Dispose();
            throw;
        }
    }

    public string Spec { get; }
    public DeviceIdentity Identity { get; }
    public bool IsUsb { get; }
    public bool IsEmulated => _emulatedName is not null;
    /// <summary>The bus this device owns (the device factory looks behind it for the emulator's chip model).</summary>
    internal IRegisterBus Bus => _bus;
    public bool FirmwareLoaded { get; private set; }
    /// <summary>CRC-16 (docs/hardware.md §5.2) stored in the loaded image's payload, 0 if none.</summary>
    public uint FirmwareCrc { get; private set; }
    /// <summary>The last successful load (version, source, payload), or null.</summary>
    public FirmwareLoadResult? Firmware { get; private set; }

    /// <summary>Why the device counts as gone, or null while it answers.</summary>
    public string? GoneReason { get { lock (_gate) return _goneReason; } }
    public bool IsGone => GoneReason is not null;

    /// <summary>The largest firmware image <see cref="LoadFirmware(ReadOnlySpan{byte})"/> takes (the 8051's program RAM); larger is refused unread.</summary>
    public const int MaxFirmwareImageSize = FirmwareFamilies.LargestImageSize;

    /// <summary>
    /// Reads a firmware image file as <see cref="LoadFirmware(string?)"/> does, never past
    /// <see cref="MaxFirmwareImageSize"/> + 1 bytes (tools that inspect a file before loading it).
    /// </summary>
    public static byte[] ReadFirmwareFile(string path) => FirmwareFileReader.Read(path);

    /// <summary>rt_device_set_role: 0 station, 1 access point (anything else is RT_ERR_INVALID_ARGUMENT, see <see cref="Role"/>).</summary>
    public void SetRole(int role) => Role = (DeviceRole)role;

    /// <summary>Station (default) or access point: decides the group keys' BSS index (docs/hardware.md §8.8).</summary>
    public DeviceRole Role
    {
        get { lock (_gate) return _role; }
        set
        {
            lock (_gate)
            {
                if (value is not (DeviceRole.Station or DeviceRole.AccessPoint))
                    throw RtException.InvalidArgument($"role {(int)value} is neither 0 (station) nor 1 (access point)");
                if (value != _role && _keys.Keys.Any(k => !k.IsPairwise))
                    throw new RtException(RtStatus.State, "the role decides where group keys live: delete the group keys before changing it");
                _role = value;
            }
        }
    }

    // ------------------------------------------------------------------ info

    public DeviceInfo GetInfo() => Run("get_info", () =>
    {
        Liveness("get_info");
        return new DeviceInfo(Identity.ChipId, Identity.ChipRev, Identity.RfId, Identity.Mac.ToArray(), _bus.Kind,
            FirmwareLoaded, FirmwareCrc, (uint)_keys.HardwareSlots, (uint)_keys.HardwareSlotsUsed, Identity.Name);
    });

    // ------------------------------------------------------------------ firmware and MCU

    /// <summary>
    /// Loads firmware: <paramref name="path"/> names a file, or null searches the path of the ABI
    /// doc ($RTDRIVER_FIRMWARE_DIR, /lib/firmware/updates, /lib/firmware; the open image last for
    /// an emulated device). A failed load (bad image, MCU never ready) leaves FirmwareLoaded false.
    /// </summary>
    public FirmwareLoadResult LoadFirmware(string? path) => Run("load_firmware", () =>
    {
        var loader = new FirmwareLoader(_bus, Identity.Chip);
        FirmwareLoadResult result;
        FirmwareLoaded = false;
        FirmwareCrc = 0;
        if (path is null)
        {
            result = loader.LoadFromSearchPath(IsEmulated);
        }
        else
        {
            if (path.Length == 0) throw RtException.InvalidArgument("load_firmware: path is empty (give an image file, or no path to use the search path)");
            // Bounded: /dev/zero, a FIFO or a huge file is refused after at most 8 KiB + 1 byte.
            byte[] data;
            try { data = FirmwareFileReader.Read(path); }
            catch (RtException e) { throw new RtException(e.Status, $"load_firmware: {e.Message}", e); }
            result = loader.Load(data, path);
        }
        return Loaded(result);
    });

    /// <summary>Loads an image from memory (validated exactly like a file).</summary>
    public FirmwareLoadResult LoadFirmware(ReadOnlySpan<byte> image)
    {
        byte[] copy = image.ToArray(); // the lambda below cannot capture a span
        return Run("load_firmware_mem", () =>
        {
            FirmwareLoaded = false;
            FirmwareCrc = 0;
            return Loaded(new FirmwareLoader(_bus, Identity.Chip).Load(copy, $"memory image ({copy.Length} bytes)"));
        });
    }

    private FirmwareLoadResult Loaded(FirmwareLoadResult result)
    {
        Firmware = result;
        FirmwareLoaded = true;
        FirmwareCrc = result.PayloadCrc;
        return result;
    }

    /// <summary>
    /// Sends one MCU mailbox command and waits (bounded) for the MCU to answer: on PCI for the
    /// token in H2M_MAILBOX_CID (docs/hardware.md §6.3; token = command, OpenBSD's wait-mode rule), on USB — whose
    /// drivers never wait for a completion — for the MCU to take the mailbox (owner byte clear).
    /// A silent MCU is RT_ERR_TIMEOUT and leaves the device usable for everything else.
    /// </summary>
    /// <returns>The mailbox's result with <see cref="McuCommandResult.RoundTripMicroseconds"/> set; <see cref="McuCommandResult.StatusByte"/> is 0xFF on USB.</returns>
    public McuCommandResult McuCommand(byte command, byte arg0, byte arg1) => Run("mcu_command", () =>
    {
        var mailbox = new McuMailbox(_bus);
        byte token = command == RtReg.MCU_TOKEN_NO_STATUS ? (byte)0xFE : command;
        long start = NowMicroseconds();
        try
        {
            if (IsUsb)
            {
                var sent = mailbox.Send(command, token, arg0, arg1, waitForCompletion: false);
                mailbox.WaitOwnerFree(command, token); // the MCU took the command
                return sent with { RoundTripMicroseconds = NowMicroseconds() - start };
            }
            var r = mailbox.Send(command, token, arg0, arg1, waitForCompletion: true);
            return r with { RoundTripMicroseconds = NowMicroseconds() - start };
        }
        catch (RtException e) when (e.Status == RtStatus.Timeout && !FirmwareLoaded)
        {
            throw new RtException(RtStatus.Timeout, $"{e.Message} (no firmware was loaded on this device: load firmware first)", e);
        }
    });

    // ------------------------------------------------------------------ registers

    /// <summary>The highest register offset + 4 (the 64 KiB BAR0 window; USB's 16-bit wIndex).</summary>
    public const uint RegisterSpace = 0x10000;

    public uint Read32(uint offset) => Run("read32", () =>
    {
        CheckOffset(offset);
        uint v = _bus.Read32(offset);
        if (v == RegisterBusExtensions.AllOnes) Liveness($"read32 0x{offset:x4}");
        return v;
    });

    /// <summary>Raw register write (a debugging tool: it bypasses the key bookkeeping).</summary>
    public void Write32(uint offset, uint value) => Run("write32", () =>
    {
        CheckOffset(offset);
        _bus.Write32(offset, value);
        Liveness($"write32 0x{offset:x4}"); // a write to a gone device vanishes silently: confirm it still answers
        return 0;
    });

    private static void CheckOffset(uint offset)
    {
        if ((offset & 3) != 0 || offset >= RegisterSpace)
            throw RtException.InvalidArgument($"register offset 0x{offset:x} is not a 4-byte aligned offset below 0x{RegisterSpace:x}");
    }

    // ------------------------------------------------------------------ keys

    /// <summary>
    /// set_key: places the key in hardware when the chip can hold it and the write reads back,
    /// in software otherwise (<see cref="KeyOffload"/>). Never fails because of the hardware —
    /// only for invalid parameters or RT_KEY_FORCE_HARDWARE. The returned key's Reason is the
    /// sentence for rt_last_error.
    /// </summary>
    public InstalledKey SetKey(KeyRequest request)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_goneReason is null) TryLiveness("set_key");
            return _keys.Place(request);
        }
    }

    /// <summary>
    /// del_key: removes the key with this identity and clears its hardware slot. Deleting a key
    /// that is not there succeeds (returns false). Pairwise when <paramref name="flags"/> says so or
    /// <paramref name="address"/> is unicast; group when it says so or the address is absent/group.
    /// </summary>
    public bool DelKey(ReadOnlySpan<byte> address, bool hasAddress, int keyId, KeyFlags flags, out string detail)
    {
        bool pairwise = ResolvePairwise(address, hasAddress, keyId, flags, "del_key");
        lock (_gate)
        {
            ThrowIfDisposed();
            ThrowIfGone("del_key");
            Liveness("del_key");
            var removed = _keys.Remove(pairwise, address, keyId, out detail);
            if (_goneReason is not null) throw Gone("del_key");
            return removed is not null;
        }
    }

    /// <summary>Snapshot of the keys (works on a gone device: the keys live on in software).</summary>
    public IReadOnlyList<InstalledKey> ListKeys()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _keys.Keys.ToArray();
        }
    }

    /// <summary>What key memory really holds (decoded from the chip, not from the driver's books).</summary>
    public IReadOnlyList<HwKeySlot> ReadHardwareKeyTables() => Run("read key tables", () => _tables.ReadActive());

    /// <summary>The installed key with this identity (its <see cref="InstalledKey.Twin"/> is the frame path's key), or null.</summary>
    public InstalledKey? FindKey(ReadOnlySpan<byte> address, bool hasAddress, int keyId, KeyFlags flags)
    {
        bool pairwise = ResolvePairwise(address, hasAddress, keyId, flags, "get_key");
        lock (_gate)
        {
            ThrowIfDisposed();
            return _keys.Find(pairwise, pairwise ? address : KeyRequest.Broadcast, keyId);
        }
    }

    private static bool ResolvePairwise(ReadOnlySpan<byte> address, bool hasAddress, int keyId, KeyFlags flags, string fn)
    {
        uint unknown = (uint)flags & ~(uint)KeyRequest.KnownFlags;
        if (unknown != 0) throw RtException.InvalidArgument($"{fn}: flags 0x{(uint)flags:x} has unknown bits 0x{unknown:x}");
        if ((flags & (KeyFlags.Pairwise | KeyFlags.Group)) == (KeyFlags.Pairwise | KeyFlags.Group))
            throw RtException.InvalidArgument($"{fn}: flags 0x{(uint)flags:x} ask for both RT_KEY_PAIRWISE and RT_KEY_GROUP");
        if (keyId < 0 || keyId > 5) throw RtException.InvalidArgument($"{fn}: key id {keyId} is out of range 0..5");
        if (hasAddress && address.Length != 6) throw RtException.InvalidArgument($"{fn}: address is {address.Length} bytes, not 6");
        bool unicast = hasAddress && !MacAddress.IsGroup(address);
        bool pairwise = (flags & KeyFlags.Pairwise) != 0 || ((flags & KeyFlags.Group) == 0 && unicast);
        if (pairwise && !unicast)
            throw RtException.InvalidArgument(hasAddress
                ? $"{fn}: a pairwise key is named by the peer's unicast address, got {MacAddress.Format(address)}"
                : $"{fn}: a pairwise key is named by the peer's address (addr is NULL)");
        return pairwise;
    }

    // ------------------------------------------------------------------ IKeyOffloadHost

    HardwareKeyTables IKeyOffloadHost.Tables => _tables;

    int IKeyOffloadHost.GroupBssIndex => _role == DeviceRole.Station ? 0 : Identity.Mac[5] & 7;

    DeviceRole IKeyOffloadHost.Role => _role;

    string? IKeyOffloadHost.HardwareUnavailableReason =>
        _goneReason is null ? null : $"the device is gone (RT_ERR_DEVICE_GONE): {_goneReason}";

    bool IKeyOffloadHost.CheckGone(RtException? failure)
    {
        if (_goneReason is not null) return true;
        if (failure is { Status: RtStatus.DeviceGone })
        {
            MarkGone(failure.Message);
            return true;
        }
        TryLiveness("key table write");
        return _goneReason is not null;
    }

    // ------------------------------------------------------------------ plumbing

    /// <summary>Confirms the device answers (MAC_CSR0 is never all-ones on a live chip, docs/hardware.md §2.1); marks it gone and throws otherwise.</summary>
    private void Liveness(string what)
    {
        if (ChipPresence.Answers(_bus)) return;
        MarkGone($"{what}: register reads return 0xFFFFFFFF (MAC_CSR0 too) on {_bus.Description}");
        throw Gone(what);
    }

    private void TryLiveness(string what)
    {
        try { Liveness(what); }
        catch (RtException e) when (e.Status == RtStatus.DeviceGone) { }
        catch (RtException) { /* IO trouble is not "gone"; the key write will find out */ }
    }

    private void MarkGone(string reason)
    {
        if (_goneReason is not null) return;
        _goneReason = reason;
        _keys.MoveAllToSoftware($"the device is gone: {reason}", canReadCounters: false);
    }

    private RtException Gone(string op) =>
        new(RtStatus.DeviceGone, $"{op}: the device is gone ({_goneReason}); its keys are kept in software — close it and open it again");

    private void ThrowIfGone(string op)
    {
        if (_goneReason is not null) throw Gone(op);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new RtException(RtStatus.State, "the device is closed");
    }

    /// <summary>Runs a device operation: closed/gone checks first, and a gone bus discovered on the way is recorded.</summary>
    private T Run<T>(string op, Func<T> body)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            ThrowIfGone(op);
            try
            {
                return body();
            }
            catch (RtException e) when (e.Status == RtStatus.DeviceGone)
            {
                MarkGone(e.Message);
                throw Gone(op);
            }
        }
    }

    /// <summary>
    /// The device's clock when the bus has one (<see cref="IHardwareClock"/>: virtual µs on the emulator, whose
    /// clock advances per access and delay; the host's monotonic clock for real USB), wall-clock otherwise.
    /// </summary>
    internal long NowMicroseconds() => (_bus as IHardwareClock)?.NowMicroseconds ?? Stopwatch.GetTimestamp() * 1_000_000 / Stopwatch.Frequency;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _bus.Dispose();
        }
    }
}
