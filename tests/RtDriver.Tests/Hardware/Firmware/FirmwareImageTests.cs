using System.Text;
using System.Text.Json;
using RtDriver.Hardware.Firmware;
using Xunit;

namespace RtDriver.Tests.Hardware.Firmware;

public class FirmwareImageTests
{
    private static string FwDir => TestPaths.RequireShared("testdata", "firmware");

    public static TheoryData<string, string, int> RealImages()
    {
        var data = new TheoryData<string, string, int>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RequireShared("testdata", "firmware"), "firmware_info.json")));
        foreach (var img in doc.RootElement.GetProperty("images").EnumerateArray())
            data.Add(img.GetProperty("file").GetString()!, img.GetProperty("version_as_kernel_prints").GetString()!, img.GetProperty("crc_check_unit_bytes").GetInt32());
        return data;
    }

    private static FirmwareFamily FamilyOf(string file, int unit) =>
        file.EndsWith("rt2860.bin") ? FirmwareFamily.Pci : file.EndsWith("rt3290.bin") ? FirmwareFamily.PciRt3290 : FirmwareFamily.Usb;

    [Fact]
    public void CrcIsMcrf4xx()
    {
        Assert.Equal(0x6F91, FirmwareCrc.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xFFFF, FirmwareCrc.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [MemberData(nameof(RealImages))]
    public void EveryRealImageValidatesWithItsVersion(string file, string version, int unit)
    {
        var family = FamilyOf(file, unit);
        Assert.Equal(unit, family.ChunkSize());
        var bytes = File.ReadAllBytes(Path.Combine(FwDir, file));
        var img = FirmwareImage.Validate(bytes, family, file);
        Assert.True(img.IsValid);
        Assert.Equal(version, img.Version);
        Assert.Equal(bytes.Length / unit, img.Chunks.Count);
        Assert.All(img.Chunks, c => Assert.True(c.CrcOk));
        Assert.NotNull(img.Known);
        Assert.Equal(version, img.Known!.Version);
        Assert.False(img.IsOpenImage);

        // Stored/computed CRCs match the JSON facts (stored_crc_be16 = last two bytes read big-endian).
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(FwDir, "firmware_info.json")));
        var parts = doc.RootElement.GetProperty("images").EnumerateArray().First(e => e.GetProperty("file").GetString() == file).GetProperty("parts").EnumerateArray().ToArray();
        for (int i = 0; i < parts.Length; i++)
        {
            ushort be = Convert.ToUInt16(parts[i].GetProperty("stored_crc_be16").GetString(), 16);
            Assert.Equal((ushort)(be >> 8 | be << 8), img.Chunks[i].StoredCrc);
        }
    }

    [Fact]
    public void Rt2860Of2019IsVersion040()
    {
        var img = FirmwareImage.Validate(File.ReadAllBytes(Path.Combine(FwDir, "linux-firmware-2019", "rt2860.bin")), FirmwareFamily.Pci, "rt2860.bin");
        Assert.Equal("0.40", img.Version);
        Assert.Equal("67d5e8b32293cc2f31f67ebb112d4dabf1e23019a11c517036ba42cb48e4159c", img.Sha256);
    }

    [Theory]
    [InlineData("linux-firmware-2019/rt2860.bin", FirmwareFamily.Pci)]
    [InlineData("linux-firmware-2019/rt2870.bin", FirmwareFamily.Usb)]
    [InlineData("linux-firmware-2011/rt2860.bin", FirmwareFamily.Pci)]
    [InlineData("linux-firmware-2019/rt3290.bin", FirmwareFamily.PciRt3290)]
    public void SingleBitFlipsAnywhereAreRejectedNamingStoredAndComputedCrc(string file, FirmwareFamily family)
    {
        var good = File.ReadAllBytes(Path.Combine(FwDir, file));
        var rng = new Random(file.Length * 31 + (int)family);
        // Every byte position region gets hit: stride through the file plus random positions, all 8 bit values.
        var positions = Enumerable.Range(0, good.Length / 97).Select(i => i * 97).Concat(Enumerable.Range(0, 200).Select(_ => rng.Next(good.Length)))
            .Concat([0, good.Length - 1, good.Length - 2, good.Length - 3, good.Length - 4, 4093, 4094, 4095, 4096]).Where(p => p < good.Length);
        int n = 0;
        foreach (int pos in positions)
        {
            var bad = (byte[])good.Clone();
            bad[pos] ^= (byte)(1 << (n++ % 8));
            var e = Assert.Throws<RtException>(() => FirmwareImage.Validate(bad, family, "flipped"));
            Assert.Equal(RtStatus.BadFirmware, e.Status);
            Assert.Contains("CRC mismatch: stored 0x", e.Message);
            Assert.Contains("computed 0x", e.Message);
            Assert.Contains($"({bad.Length} bytes)", e.Message);
        }
        Assert.True(n >= 240, $"only {n} positions");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(4096)]
    [InlineData(8191)]
    public void TruncationsAreRejectedNamingTheSize(int cut)
    {
        var good = File.ReadAllBytes(Path.Combine(FwDir, "linux-firmware-2019", "rt2860.bin"));
        var bad = good[..(good.Length - cut)];
        var e = Assert.Throws<RtException>(() => FirmwareImage.Validate(bad, FirmwareFamily.Pci, "short.bin"));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains($"size {bad.Length} bytes", e.Message);
        Assert.Contains("8192", e.Message);
    }

    [Fact]
    public void EmptyAndOversizedOddImagesAreRejected()
    {
        Assert.Equal(RtStatus.BadFirmware, Assert.Throws<RtException>(() => FirmwareImage.Validate([], FirmwareFamily.Usb, "empty")).Status);
        Assert.Equal(RtStatus.BadFirmware, Assert.Throws<RtException>(() => FirmwareImage.Validate(new byte[12289], FirmwareFamily.Usb, "odd")).Status);
    }

    [Theory]
    [InlineData("linux-firmware-2019/rt2870.bin", FirmwareFamily.Pci, "USB")]
    [InlineData("linux-firmware-2019/rt3071.bin", FirmwareFamily.Pci, "size 4096")]
    [InlineData("linux-firmware-2019/rt2860.bin", FirmwareFamily.Usb, "CRC mismatch")]
    [InlineData("linux-firmware-2019/rt3290.bin", FirmwareFamily.Pci, "size 4096")]
    [InlineData("linux-firmware-2019/rt3290.bin", FirmwareFamily.Usb, "RT3290")]
    [InlineData("linux-firmware-2011/rt2870.bin", FirmwareFamily.Pci, "rt2870.bin")]
    public void WrongFamilyIsRejected(string file, FirmwareFamily family, string named)
    {
        var image = File.ReadAllBytes(Path.Combine(FwDir, file));
        var e = Assert.Throws<RtException>(() => FirmwareImage.Validate(image, family, file));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains(named, e.Message);
        Assert.Contains(family.Describe(), e.Message);
    }

    [Fact]
    public void UsbHalfSelectionFollowsTheChipId()
    {
        var bytes = File.ReadAllBytes(Path.Combine(FwDir, "linux-firmware-2019", "rt2870.bin"));
        var img = FirmwareImage.Validate(bytes, FirmwareFamily.Usb, "rt2870.bin");
        foreach (uint lower in new uint[] { 0x2860, 0x2872, 0x3070 })
            Assert.Equal(bytes[..4096], img.PayloadFor(lower).ToArray());
        foreach (uint upper in new uint[] { 0x3071, 0x3572, 0x5370 })
            Assert.Equal(bytes[4096..], img.PayloadFor(upper).ToArray());
        Assert.Equal(0xCBF1, img.PayloadCrc(0x3071)); // stored_crc_be16 f1cb

        var half = FirmwareImage.Validate(File.ReadAllBytes(Path.Combine(FwDir, "linux-firmware-2019", "rt3071.bin")), FirmwareFamily.Usb, "rt3071.bin");
        var e = Assert.Throws<RtException>(() => half.PayloadFor(0x3572));
        Assert.Equal(RtStatus.BadFirmware, e.Status);
        Assert.Contains("does not support detected chipset 0x3572", e.Message);
        // rt3071.bin is the upper half: a lower-half chip must not run it either.
        e = Assert.Throws<RtException>(() => half.PayloadFor(0x3070));
        Assert.Contains("bytes 0-4095", e.Message);
        // An unknown 4 KiB image is served to lower-half chips (Linux's rule).
        var unknown = File.ReadAllBytes(Path.Combine(FwDir, "linux-firmware-2019", "rt2870.bin"))[..4096];
        Assert.Equal(unknown, FirmwareImage.Validate(unknown, FirmwareFamily.Usb, "lower.bin").PayloadFor(0x2872).ToArray());
    }

    [Theory]
    [InlineData(FirmwareFamily.Pci)]
    [InlineData(FirmwareFamily.Usb)]
    public void TheEmbeddedOpenImageValidates(FirmwareFamily family)
    {
        var data = OpenFirmware.Get(family);
        var img = FirmwareImage.Validate(data, family, "open");
        Assert.True(img.IsOpenImage);
        Assert.Equal($"{OpenFirmwareLayout.VersionMajor}.{OpenFirmwareLayout.VersionMinor}", img.Version);
        Assert.Equal(8192, img.Size);
        // One file cannot serve both families (see OpenFirmwareLayout): the other family rejects it.
        var other = family == FirmwareFamily.Pci ? FirmwareFamily.Usb : FirmwareFamily.Pci;
        Assert.False(FirmwareImage.Inspect(data, other, "open").IsValid);
    }

    [Fact]
    public void ManifestJsonMatchesTheCodeTable()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "firmware", "known-images.json")));
        var json = doc.RootElement.GetProperty("images").EnumerateArray()
            .Select(e => (e.GetProperty("file").GetString(), e.GetProperty("size").GetInt32(), e.GetProperty("sha256").GetString(), e.GetProperty("version").GetString(), e.GetProperty("family").GetString()))
            .OrderBy(t => t.Item3).ToArray();
        var code = KnownFirmwareImages.All.Select(k => ((string?)k.Name, k.Size, (string?)k.Sha256, (string?)k.Version, (string?)k.Family.ToString())).OrderBy(t => t.Item3).ToArray();
        Assert.Equal(code, json);
    }
}
