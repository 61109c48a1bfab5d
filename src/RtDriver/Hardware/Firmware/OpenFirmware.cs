namespace RtDriver.Hardware.Firmware;

/// <summary>
/// The project's open MCU image as embedded into the library at build time (RtDriver.csproj
/// target BuildOpenFirmware runs firmware/build-image.sh). Emulated devices use it as the last
/// entry of the firmware search path.
/// </summary>
public static class OpenFirmware
{
    private const string ResourcePrefix = "RtDriver.OpenFirmware.";

    /// <summary>The embedded image for a family, or null if this build has none (sdcc was missing).</summary>
    public static byte[]? TryGet(FirmwareFamily family)
    {
        string name = ResourcePrefix + OpenFirmwareLayout.FileName(family);
        using var s = typeof(OpenFirmware).Assembly.GetManifestResourceStream(name);
        if (s is null) return null;
        var data = new byte[s.Length];
        s.ReadExactly(data);
        return data;
    }

    /// <summary>The embedded image, or RT_ERR_BAD_FIRMWARE explaining why it is missing.</summary>
    public static byte[] Get(FirmwareFamily family) =>
        TryGet(family) ?? throw new RtException(RtStatus.BadFirmware,
            $"the built-in open firmware {OpenFirmwareLayout.FileName(family)} is not embedded in this build of the library "
            + "(firmware/build-image.sh did not run: install the sdcc package and rebuild)");
}
