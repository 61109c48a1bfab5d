using System.Runtime.InteropServices;

namespace RtDriver.Transport.Usb;

/// <summary>
/// Checks once that libusb-1.0 can be loaded, so a missing library is a sentence naming the
/// package instead of a DllNotFoundException from the first P/Invoke.
/// </summary>
internal static class LibUsbLibrary
{
    public const string Package = "libusb-1.0-0";

    private static int _loaded;   // 1 once the real library has been found

    /// <summary>Throws RT_ERR_UNSUPPORTED naming <see cref="Package"/> when <paramref name="libraryName"/> cannot be loaded.</summary>
    public static void Require(string libraryName)
    {
        if (libraryName == LibUsbNative.Lib && Volatile.Read(ref _loaded) == 1) return;
        if (!NativeLibrary.TryLoad(libraryName, out nint handle))
            throw Missing(libraryName, null);
        // The handle stays loaded for the process lifetime: the P/Invokes resolve against it.
        if (libraryName == LibUsbNative.Lib) Volatile.Write(ref _loaded, 1);
        else NativeLibrary.Free(handle);
    }

    public static RtException Missing(string libraryName, Exception? inner)
    {
        string message = $"USB needs libusb-1.0, but {libraryName} could not be loaded: install the package {Package} " +
                         $"(Debian/Ubuntu: sudo apt-get install {Package}; Fedora: sudo dnf install libusb1)";
        return inner is null ? new RtException(RtStatus.Unsupported, message) : new RtException(RtStatus.Unsupported, message, inner);
    }
}
