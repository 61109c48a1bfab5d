using RtDriver.Transport;

namespace RtDriver.Hardware.Registers;

/// <summary>
/// The register helpers every hardware sequence uses: read-modify-write, set/clear bits, bit-field
/// writes and a bounded, named wait. All-ones handling: a removed PCI device or a dead USB device
/// reads 0xFFFFFFFF everywhere. A register that legitimately reads all-ones is possible, so an
/// all-ones value is confirmed by <see cref="ChipPresence"/> (MAC_CSR0 never reads all-ones on a
/// live chip, docs/hardware.md §2.1 "CSR ready"); if that is all-ones too the device is gone (RT_ERR_DEVICE_GONE).
/// </summary>
public static class RegisterAccess
{
    private const uint AllOnes = RegisterBusExtensions.AllOnes;

    /// <summary>Reads a register and throws RT_ERR_DEVICE_GONE if the device no longer answers.</summary>
    public static uint ReadChecked(this IRegisterBus bus, uint offset, string what)
    {
        uint v = bus.Read32(offset);
        if (v == AllOnes) bus.ThrowIfGone(what);
        return v;
    }

    /// <summary>Confirms an all-ones read: throws DeviceGone if MAC_CSR0 reads all-ones as well (<see cref="ChipPresence"/>).</summary>
    public static void ThrowIfGone(this IRegisterBus bus, string what)
    {
        if (!ChipPresence.Answers(bus))
            throw new RtException(RtStatus.DeviceGone,
                $"{what}: the device stopped answering (register reads return 0xFFFFFFFF, MAC_CSR0 too) on {bus.Description}");
    }

    /// <summary>
    /// Throws RT_ERR_DEVICE_GONE unless MAC_CSR0 answers. Writes to a removed device vanish
    /// silently (PCI posted writes, the emulator's gone-after), so calls that only write use this
    /// to report the removal instead of pretending success.
    /// </summary>
    public static void EnsurePresent(this IRegisterBus bus, string what) => bus.ThrowIfGone(what);

    /// <summary>Writes a register, then confirms the device is still there (see <see cref="EnsurePresent"/>).</summary>
    public static void WriteChecked(this IRegisterBus bus, uint offset, uint value, string what)
    {
        bus.Write32(offset, value);
        bus.EnsurePresent(what);
    }

    /// <summary>Read-modify-write: value = (value &amp; ~clear) | set. Returns the value written.</summary>
    public static uint Modify(this IRegisterBus bus, uint offset, uint clear, uint set)
    {
        uint v = bus.ReadChecked(offset, $"read-modify-write of 0x{offset:X4}");
        uint n = (v & ~clear) | set;
        bus.Write32(offset, n);
        return n;
    }

    public static uint SetBits(this IRegisterBus bus, uint offset, uint bits) => bus.Modify(offset, 0, bits);

    public static uint ClearBits(this IRegisterBus bus, uint offset, uint bits) => bus.Modify(offset, bits, 0);

    /// <summary>Writes one bit field of a register, keeping the other bits.</summary>
    public static uint WriteField(this IRegisterBus bus, uint offset, BitField field, uint value)
    {
        uint v = bus.ReadChecked(offset, $"field write of 0x{offset:X4}");
        uint n = field.Set(v, value);
        bus.Write32(offset, n);
        return n;
    }

    /// <summary>
    /// Polls <paramref name="offset"/> until (value &amp; mask) == expected, at most
    /// <paramref name="count"/> reads <paramref name="delayUs"/> µs apart (first read immediately).
    /// Returns the matching value. Throws RT_ERR_TIMEOUT naming the wait and its budget
    /// ("… after 100 x 1000 µs"), or RT_ERR_DEVICE_GONE when reads turn to all-ones.
    /// </summary>
    public static uint WaitFor(this IRegisterBus bus, uint offset, uint mask, uint expected, int count, int delayUs, string timeoutName)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"wait '{timeoutName}' needs a positive poll count, got {count}");
        var timing = bus.Timing();
        uint v = 0;
        for (int i = 0; i < count; i++)
        {
            v = bus.Read32(offset);
            // All-ones is checked before the condition: a gone device would otherwise "satisfy" any
            // wait for a bit to become set.
            if (v == AllOnes) bus.ThrowIfGone(timeoutName);
            if ((v & mask) == expected) return v;
            timing.DelayMicroseconds(delayUs);
        }
        throw new RtException(RtStatus.Timeout,
            $"{timeoutName}: register 0x{offset:X4} still reads 0x{v:X8} (want bits 0x{mask:X8} = 0x{expected:X8}) after {count} x {RegisterBusExtensions.FormatDelay(delayUs)} on {bus.Description}");
    }

    /// <summary>Waits until all <paramref name="bits"/> read 0.</summary>
    public static uint WaitForClear(this IRegisterBus bus, uint offset, uint bits, int count, int delayUs, string timeoutName)
        => bus.WaitFor(offset, bits, 0, count, delayUs, timeoutName);

    /// <summary>Waits until all <paramref name="bits"/> read 1.</summary>
    public static uint WaitForSet(this IRegisterBus bus, uint offset, uint bits, int count, int delayUs, string timeoutName)
        => bus.WaitFor(offset, bits, bits, count, delayUs, timeoutName);

    /// <summary>Polls with an arbitrary predicate (e.g. "a CID slot equals the token"); same timeout/gone rules.</summary>
    public static uint WaitUntil(this IRegisterBus bus, uint offset, Func<uint, bool> done, int count, int delayUs, string timeoutName, Func<uint, string>? describe = null)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"wait '{timeoutName}' needs a positive poll count, got {count}");
        var timing = bus.Timing();
        uint v = 0;
        for (int i = 0; i < count; i++)
        {
            v = bus.Read32(offset);
            if (v == AllOnes) bus.ThrowIfGone(timeoutName);
            if (done(v)) return v;
            timing.DelayMicroseconds(delayUs);
        }
        string state = describe?.Invoke(v) ?? $"register 0x{offset:X4} last read 0x{v:X8}";
        throw new RtException(RtStatus.Timeout, $"{timeoutName}: {state} after {count} x {RegisterBusExtensions.FormatDelay(delayUs)} on {bus.Description}");
    }

}
