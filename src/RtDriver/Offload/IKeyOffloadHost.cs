using RtDriver.Hardware.Keys;

namespace RtDriver.Offload;

/// <summary>What the offload policy needs to know about the device it places keys on.</summary>
public interface IKeyOffloadHost
{
    /// <summary>The device's key memory.</summary>
    HardwareKeyTables Tables { get; }

    /// <summary>USB chips: Linux refuses hardware TKIP there (docs/hardware.md §8.11).</summary>
    bool IsUsb { get; }

    DeviceRole Role { get; }

    /// <summary>BSS index for group keys (docs/hardware.md §8.8: 0 for a station, MAC[5] &amp; 7 for an access point).</summary>
    int GroupBssIndex { get; }

    /// <summary>Null when the key memory can be used now; otherwise why not (e.g. the device is gone).</summary>
    string? HardwareUnavailableReason { get; }

    /// <summary>
    /// Called after a key-table failure (an exception, or a write that did not read back):
    /// returns true when the cause is that the device is gone (the host then records that).
    /// </summary>
    bool CheckGone(RtException? failure);
}
