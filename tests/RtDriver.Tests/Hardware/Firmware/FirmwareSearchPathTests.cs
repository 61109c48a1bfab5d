using RtDriver.Hardware.Firmware;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware;

public class FirmwareSearchPathTests
{
    [Fact]
    public void MissingImageNamesEveryPathTried()
    {
        string a = Path.Combine(Path.GetTempPath(), "rtdriver-none-a"), b = Path.Combine(Path.GetTempPath(), "rtdriver-none-b");
        var e = Assert.Throws<RtException>(() => FirmwareSearchPath.Find(FirmwareFamily.Pci, emulated: false, [a, b]));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains(Path.Combine(a, "rt2860.bin"), e.Message);
        Assert.Contains(Path.Combine(b, "rt2860.bin"), e.Message);
        Assert.Contains("RTDRIVER_FIRMWARE_DIR", e.Message);
    }

    [Fact]
    public void FirstDirectoryHoldingTheFileWins()
    {
        string root = Directory.CreateTempSubdirectory("rtdriver-fw").FullName;
        try
        {
            string d1 = Directory.CreateDirectory(Path.Combine(root, "1")).FullName, d2 = Directory.CreateDirectory(Path.Combine(root, "2")).FullName;
            File.WriteAllBytes(Path.Combine(d2, "rt2870.bin"), [1, 2, 3]);
            var f = FirmwareSearchPath.Find(FirmwareFamily.Usb, emulated: true, [d1, d2]);
            Assert.Equal(Path.Combine(d2, "rt2870.bin"), f.Origin);
            Assert.Equal(new byte[] { 1, 2, 3 }, f.Data);
        }
        finally { Directory.Delete(root, true); }
    }

    [Fact]
    public void EmulatedDevicesFallBackToTheOpenImageLast()
    {
        var f = FirmwareSearchPath.Find(FirmwareFamily.Usb, emulated: true, [Path.Combine(Path.GetTempPath(), "rtdriver-none")]);
        Assert.Contains("built-in open image rtdriver-open-usb.bin", f.Origin);
        Assert.True(OpenFirmwareLayout.IsOpenImage(f.Data));
    }

    [Fact]
    public void DefaultDirectoriesAreTheAbiOrder()
    {
        var dirs = FirmwareSearchPath.Directories();
        Assert.Equal(["/lib/firmware/updates", "/lib/firmware"], dirs.TakeLast(2));
        string? env = Environment.GetEnvironmentVariable(FirmwareSearchPath.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) Assert.Equal(env, dirs[0]);
        else Assert.Equal(2, dirs.Count);
    }
}
