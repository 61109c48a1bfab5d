using System.Buffers.Binary;
using System.Diagnostics;
using static RtDriver.Transport.Usb.UsbVendorRequest;

namespace RtDriver.Transport.Usb;

/// <summary>
/// <see cref="IRegisterBus"/> over the RT2870-class vendor control requests (docs/hardware.md §3.2, Linux
/// encoding): a 32-bit read is USB_MULTI_READ with 4 bytes, a write USB_MULTI_WRITE with 4
/// bytes, regions go in chunks of at most 64 bytes (CSR_CACHE_SIZE) at offset + n·64.
/// Register transfers get REGISTER_TIMEOUT (100 ms): each attempt uses half of it and is
/// retried while the budget lasts. More than 3 consecutive failed operations mark the device
/// gone; from then on every call throws RT_ERR_DEVICE_GONE without touching the device.
/// Used both for real devices (libusb <see cref="IUsbControl"/>) and for the emulator's USB
/// flavour, so this encoding is exercised by every emulated-USB test.
/// </summary>
public sealed class UsbRegisterBus : IRegisterBus, IUsbDeviceRequests, IHardwareTiming, IHardwareClock
{
    private readonly IUsbControl _usb;
    private readonly bool _ownsControl;
    private int _consecutiveFailures;
    private bool _gone;

    // Measures the retry budget: the host's monotonic clock, or one a test injects so that whether a
    // retry fits the budget does not depend on how fast (or how loaded) the machine is.
    private readonly IHardwareClock? _retryClock;

    public UsbRegisterBus(IUsbControl usb, BusKind kind = BusKind.Usb, bool ownsControl = true, IHardwareClock? retryClock = null)
    {
        _usb = usb ?? throw new ArgumentNullException(nameof(usb));
        Kind = kind;
        _ownsControl = ownsControl;
        _retryClock = retryClock;
    }

    private long RetryClockMicroseconds => _retryClock?.NowMicroseconds ?? Stopwatch.GetTimestamp() * 1_000_000 / Stopwatch.Frequency;

    public string Description => _usb.Description;
    public BusKind Kind { get; }
    /// <summary>Always: the emulator's USB flavour reports <see cref="BusKind.Emulator"/> but is USB all the same.</summary>
    public bool IsUsb => true;
    public IUsbControl Control => _usb;

    /// <summary>Delays come from the control pipe when it has its own clock (the emulator), else real time.</summary>
    public void DelayMicroseconds(int microseconds) =>
        (_usb as IHardwareTiming ?? SystemTiming.Instance).DelayMicroseconds(microseconds);

    /// <summary>The control pipe's device clock if it has one (the emulator), else the host's monotonic clock.</summary>
    public long NowMicroseconds => _usb is IHardwareClock c ? c.NowMicroseconds : Stopwatch.GetTimestamp() * 1_000_000 / Stopwatch.Frequency;

    public uint Read32(uint offset)
    {
        Span<byte> b = stackalloc byte[4];
        In(USB_MULTI_READ, 0, Index(offset, 4), b, REGISTER_TIMEOUT_MS, $"read of register 0x{offset:X4}");
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    public void Write32(uint offset, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Out(USB_MULTI_WRITE, 0, Index(offset, 4), b, REGISTER_TIMEOUT_MS, $"write of register 0x{offset:X4}");
    }

    public void WriteRegion(uint offset, ReadOnlySpan<byte> data)
    {
        Index(offset, data.Length);
        for (int done = 0; done < data.Length; done += CSR_CACHE_SIZE)
        {
            int n = Math.Min(CSR_CACHE_SIZE, data.Length - done);
            uint at = offset + (uint)done;
            Out(USB_MULTI_WRITE, 0, (ushort)at, data.Slice(done, n), REGISTER_TIMEOUT_MS, $"multi-write of {n} bytes at 0x{at:X4}");
        }
    }

    public void ReadRegion(uint offset, Span<byte> data)
    {
        Index(offset, data.Length);
        for (int done = 0; done < data.Length; done += CSR_CACHE_SIZE)
        {
            int n = Math.Min(CSR_CACHE_SIZE, data.Length - done);
            uint at = offset + (uint)done;
            In(USB_MULTI_READ, 0, (ushort)at, data.Slice(done, n), REGISTER_TIMEOUT_MS, $"multi-read of {n} bytes at 0x{at:X4}");
        }
    }

    public void DeviceMode(ushort mode) =>
        Out(USB_DEVICE_MODE, mode, 0, ReadOnlySpan<byte>.Empty, REGISTER_TIMEOUT_FIRMWARE_MS, $"USB_DEVICE_MODE {mode}");

    public uint QueryAutorun()
    {
        Span<byte> b = stackalloc byte[4];
        In(USB_DEVICE_MODE, USB_MODE_AUTORUN, 0, b, REGISTER_TIMEOUT_FIRMWARE_MS, "USB_DEVICE_MODE autorun query");
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    public void ReadEeprom(ushort byteOffset, Span<byte> data)
    {
        if (data.Length > ushort.MaxValue) throw RtException.InvalidArgument($"EEPROM read of {data.Length} bytes is larger than one control transfer");
        In(USB_EEPROM_READ, 0, byteOffset, data, EEPROM_TIMEOUT_MS, $"USB_EEPROM_READ of {data.Length} bytes at 0x{byteOffset:X3}");
    }

    // The register index is a 16-bit wIndex: anything that does not fit is a caller bug, not a transfer.
    private static ushort Index(uint offset, int length)
    {
        if (offset + (ulong)length > 0x10000)
            throw RtException.InvalidArgument($"register range 0x{offset:X}+{length} does not fit the 16-bit USB register index");
        return (ushort)offset;
    }

    private void In(byte request, ushort value, ushort index, Span<byte> data, int budgetMs, string what)
    {
        ThrowIfGone(what);
        long start = RetryClockMicroseconds;
        for (int attempt = 1; ; attempt++)
        {
            RtException failure;
            try
            {
                int got = _usb.ControlIn(request, value, index, data, Math.Max(1, budgetMs / 2));
                if (got == data.Length) { _consecutiveFailures = 0; return; }
                failure = new RtException(RtStatus.Io, $"short transfer, {got} of {data.Length} bytes");
            }
            catch (RtException e) { failure = e; }
            RetryOrThrow(failure, what, budgetMs, start, attempt);
        }
    }

    private void Out(byte request, ushort value, ushort index, ReadOnlySpan<byte> data, int budgetMs, string what)
    {
        ThrowIfGone(what);
        long start = RetryClockMicroseconds;
        for (int attempt = 1; ; attempt++)
        {
            RtException failure;
            try
            {
                _usb.ControlOut(request, value, index, data, Math.Max(1, budgetMs / 2));
                _consecutiveFailures = 0;
                return;
            }
            catch (RtException e) { failure = e; }
            RetryOrThrow(failure, what, budgetMs, start, attempt);
        }
    }

    private void ThrowIfGone(string what)
    {
        if (_gone)
            throw new RtException(RtStatus.DeviceGone, $"{what}: the USB device stopped answering earlier ({_usb.Description})");
    }

    // Transient failures (I/O, timeout) are retried while the budget lasts (Linux: each attempt gets
    // half the budget); removal is final. Returns only when another attempt should be made.
    private void RetryOrThrow(RtException e, string what, int budgetMs, long start, int attempts)
    {
        if (e.Status is RtStatus.DeviceGone or RtStatus.NoDevice)
        {
            _gone = true;
            throw new RtException(RtStatus.DeviceGone, $"{what}: {e.Message}", e);
        }
        if (e.Status is not (RtStatus.Io or RtStatus.Timeout)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        if (RetryClockMicroseconds - start < budgetMs * 1000L) return;
        if (++_consecutiveFailures > MAX_CONSECUTIVE_FAILURES)
        {
            _gone = true;
            throw new RtException(RtStatus.DeviceGone,
                $"{what}: {_consecutiveFailures} consecutive USB transfers failed; treating {_usb.Description} as gone (last: {e.Message})", e);
        }
        throw new RtException(e.Status, $"{what} failed after {attempts} attempt(s) within {budgetMs} ms: {e.Message}", e);
    }

    public void Dispose()
    {
        if (_ownsControl) _usb.Dispose();
    }
}
