namespace RtDriver.Transport.Usb;

/// <summary>A bulk endpoint: address (bit 7 set = IN) and max packet size.</summary>
public readonly record struct UsbEndpoint(byte Address, ushort MaxPacketSize)
{
    public bool IsIn => (Address & 0x80) != 0;

    public override string ToString() => $"0x{Address:x2} ({(IsIn ? "in" : "out")}, {MaxPacketSize} bytes)";
}
