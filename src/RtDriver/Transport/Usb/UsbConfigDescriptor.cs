using System.Buffers.Binary;

namespace RtDriver.Transport.Usb;

/// <summary>
/// Parses a raw configuration descriptor (USB 2.0 §9.6.3–9.6.6: config header, then interface
/// and endpoint descriptors, each starting with bLength/bDescriptorType) for the bulk
/// endpoints of the first interface. Raw bytes rather than libusb's pointer-linked structs, so
/// the parser is plain managed code and tests can feed it any bytes.
/// </summary>
public static class UsbConfigDescriptor
{
    public const byte DescriptorTypeConfig = 2;
    public const byte DescriptorTypeInterface = 4;
    public const byte DescriptorTypeEndpoint = 5;
    public const byte TransferTypeBulk = 2;

    public static UsbBulkEndpoints ParseBulkEndpoints(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 9 || raw[1] != DescriptorTypeConfig || raw[0] < 9)
            throw new RtException(RtStatus.Io, $"malformed USB configuration descriptor ({raw.Length} bytes, type {(raw.Length > 1 ? raw[1] : 0)})");
        int total = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(raw[2..]), raw.Length);
        int? iface = null;
        bool inFirstInterface = false;
        var bulkIn = new List<UsbEndpoint>();
        var bulkOut = new List<UsbEndpoint>();
        for (int at = raw[0]; at + 2 <= total;)
        {
            int len = raw[at];
            if (len < 2 || at + len > total)
                throw new RtException(RtStatus.Io, $"malformed USB configuration descriptor: descriptor at byte {at} has length {len} (total {total})");
            byte type = raw[at + 1];
            if (type == DescriptorTypeInterface && len >= 9)
            {
                byte number = raw[at + 2], alt = raw[at + 3];
                iface ??= number;
                inFirstInterface = number == iface && alt == 0;
            }
            else if (type == DescriptorTypeEndpoint && len >= 7 && inFirstInterface)
            {
                byte address = raw[at + 2];
                if ((raw[at + 3] & 3) == TransferTypeBulk)
                {
                    var ep = new UsbEndpoint(address, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(raw[(at + 4)..]) & 0x7FF));
                    (ep.IsIn ? bulkIn : bulkOut).Add(ep);
                }
            }
            at += len;
        }
        if (iface is null)
            throw new RtException(RtStatus.Io, "the USB configuration descriptor has no interface");
        return new UsbBulkEndpoints((byte)iface.Value, bulkIn, bulkOut);
    }
}
