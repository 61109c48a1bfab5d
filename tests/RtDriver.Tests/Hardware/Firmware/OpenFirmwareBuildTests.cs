using System.Diagnostics;
using RtDriver.Hardware.Firmware;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware;

public class OpenFirmwareBuildTests
{
    [Fact]
    public void BuildScriptReproducesTheEmbeddedImagesByteForByte()
    {
        string outDir = Directory.CreateTempSubdirectory("rtdriver-openfw").FullName;
        try
        {
            var psi = new ProcessStartInfo("bash", [Path.Combine(TestPaths.RepoRoot, "firmware", "build-image.sh"), outDir])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "build-image.sh did not finish in 60 s");
            Assert.True(p.ExitCode == 0, $"build-image.sh failed: {output}");
            Assert.Equal(OpenFirmware.Get(FirmwareFamily.Pci), File.ReadAllBytes(Path.Combine(outDir, OpenFirmwareLayout.PciFileName)));
            Assert.Equal(OpenFirmware.Get(FirmwareFamily.Usb), File.ReadAllBytes(Path.Combine(outDir, OpenFirmwareLayout.UsbFileName)));
            Assert.Contains("bytes of 8051 code", output);
        }
        finally { Directory.Delete(outDir, true); }
    }

    [Fact]
    public void BuildScriptNeedsAnOutputDirectory()
    {
        using var p = Process.Start(new ProcessStartInfo("bash", [Path.Combine(TestPaths.RepoRoot, "firmware", "build-image.sh")]) { RedirectStandardError = true })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.NotEqual(0, p.ExitCode);
        Assert.Contains("usage", err);
    }
}
