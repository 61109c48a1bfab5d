using RtDriver.Hardware.Firmware;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware;

/// <summary>The installed prefix's open image (PREFIX/share/rtdriver/firmware) in the emulator's search path.</summary>
public class InstalledOpenImageTests
{
    [Fact]
    public void TheInstalledDirectoryIsShareRtdriverFirmwareBesideTheLibrariesDirectory()
    {
        Assert.Equal("/opt/rt/share/rtdriver/firmware", FirmwareSearchPath.OpenImageDirectory("/opt/rt/lib/librtdriver.so"));
        Assert.Equal("/opt/rt/share/rtdriver/firmware", FirmwareSearchPath.OpenImageDirectory("/opt/rt/bin/rtprobe"));
    }

    [Fact]
    public void AnInstalledImageComesBeforeTheBuiltInOneForEmulatedDevicesOnly()
    {
        string root = Directory.CreateTempSubdirectory("rt-installed-fw").FullName;
        try
        {
            string none = Path.Combine(root, "none"), installed = Directory.CreateDirectory(Path.Combine(root, "share")).FullName;
            string file = Path.Combine(installed, OpenFirmwareLayout.PciFileName);
            File.WriteAllBytes(file, [7, 7, 7]);
            var f = FirmwareSearchPath.Find(FirmwareFamily.Pci, emulated: true, [none], installed);
            Assert.Equal(file, f.Origin);
            Assert.Equal(new byte[] { 7, 7, 7 }, f.Data);
            // Real hardware never gets the open image, installed or not; the error names what was tried.
            var e = Assert.Throws<RtException>(() => FirmwareSearchPath.Find(FirmwareFamily.Pci, emulated: false, [none], installed));
            Assert.DoesNotContain(file, e.Message);
            // Without the installed file the built-in copy is used, and the installed path was tried.
            File.Delete(file);
            var builtIn = FirmwareSearchPath.Find(FirmwareFamily.Pci, emulated: true, [none], installed);
            Assert.Contains("built-in open image", builtIn.Origin);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void TheMappingHoldingAnAddressNamesItsFile()
    {
        string[] maps =
        [
            "55d0c0a00000-55d0c0a21000 r--p 00000000 08:01 1234   /opt/rt/bin/rtprobe",
            "7f0000000000-7f0000100000 r-xp 00010000 08:01 5678   /opt/rt/lib/librtdriver.so.0.1.0",
            "7f0000100000-7f0000200000 rw-p 00000000 00:00 0 ",
            "7f0000200000-7f0000300000 r-xp 00000000 08:01 5679   /opt/rt/lib/old.so (deleted)",
            "7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0      [stack]",
        ];
        Assert.Equal("/opt/rt/lib/librtdriver.so.0.1.0", ModuleFile.FindMapping(maps, 0x7f0000000010));
        Assert.Equal("/opt/rt/bin/rtprobe", ModuleFile.FindMapping(maps, 0x55d0c0a00000));
        Assert.Null(ModuleFile.FindMapping(maps, 0x7f0000100000));   // anonymous: the range end is exclusive
        Assert.Equal("/opt/rt/lib/old.so", ModuleFile.FindMapping(maps, 0x7f0000200000));
        Assert.Null(ModuleFile.FindMapping(maps, 0x7ffc00000010));    // [stack]
        Assert.Null(ModuleFile.FindMapping(maps, 0x10));               // nowhere
    }
}
