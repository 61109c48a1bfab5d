namespace RtDriver.Hardware.Keys;

/// <summary>
/// Which side of the link this device is. It decides the BSS index of group keys (docs/hardware.md §8.8:
/// Linux uses BSS 0 whenever a station interface exists, otherwise the low 3 bits of the
/// interface MAC's last byte) and how an IEEE 802.11 TKIP temporal key maps onto the
/// hardware's TX/RX Michael slots (docs/hardware.md §8.9, see <see cref="TkipMicOrder"/>).
/// </summary>
public enum DeviceRole
{
    Station = 0,
    AccessPoint = 1,
}
