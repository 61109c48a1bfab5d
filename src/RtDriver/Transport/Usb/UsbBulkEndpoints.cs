namespace RtDriver.Transport.Usb;

/// <summary>The bulk endpoints of one interface (alternate setting 0), in descriptor order.</summary>
public sealed record UsbBulkEndpoints(byte InterfaceNumber, IReadOnlyList<UsbEndpoint> BulkIn, IReadOnlyList<UsbEndpoint> BulkOut)
{
    /// <summary>RT2870-class devices receive on the first bulk-in endpoint (docs/hardware.md §9.6).</summary>
    public UsbEndpoint? Rx => BulkIn.Count > 0 ? BulkIn[0] : null;

    public override string ToString() =>
        $"interface {InterfaceNumber}: bulk in [{string.Join(", ", BulkIn)}], bulk out [{string.Join(", ", BulkOut)}]";
}
