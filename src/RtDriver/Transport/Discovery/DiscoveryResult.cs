namespace RtDriver.Transport.Discovery;

/// <summary>A discovery pass: the supported devices plus notes on what could not be looked at.</summary>
public sealed record DiscoveryResult(
    IReadOnlyList<DiscoveredDevice> Devices,
    int PciFunctionsScanned,
    int UsbDevicesScanned,
    IReadOnlyList<string> Notes);
