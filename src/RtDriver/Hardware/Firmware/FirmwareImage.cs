using System.Security.Cryptography;

namespace RtDriver.Hardware.Firmware;

/// <summary>
/// A firmware file checked the way Linux checks it (docs/hardware.md §5.2): the size rule of its family, the
/// CRC of every chunk (stored vs computed), the version bytes at size−4/size−3, plus its
/// SHA-256 and, if it is a known image, its manifest entry. <see cref="Validate"/> throws
/// RT_ERR_BAD_FIRMWARE naming the size, the failing chunk with stored and computed CRC, and
/// the family/chip; <see cref="Inspect"/> reports the same facts without throwing.
/// </summary>
public sealed class FirmwareImage
{
    private readonly byte[] _data;

    public string Source { get; }
    public FirmwareFamily Family { get; }
    public ReadOnlyMemory<byte> Data => _data;
    public int Size => _data.Length;
    public IReadOnlyList<FirmwareChunk> Chunks { get; }
    public byte VersionMajor { get; }
    public byte VersionMinor { get; }
    public string Version => $"{VersionMajor}.{VersionMinor}";
    public string Sha256 { get; }
    public KnownFirmware? Known { get; }
    public bool IsOpenImage { get; }
    /// <summary>Everything wrong with the image for its family (empty when it validates).</summary>
    public IReadOnlyList<string> Problems { get; }
    public bool IsValid => Problems.Count == 0;

    private FirmwareImage(byte[] data, FirmwareFamily family, string source)
    {
        _data = data;
        Family = family;
        Source = source;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
        Known = KnownFirmwareImages.BySha256(Sha256);
        IsOpenImage = OpenFirmwareLayout.IsOpenImage(data);
        var problems = new List<string>();
        var chunks = new List<FirmwareChunk>();
        int unit = family.SizeUnit();
        if (data.Length == 0 || data.Length % unit != 0)
            problems.Add($"size {data.Length} bytes is not a non-zero multiple of {unit} as {family.Describe()} firmware requires");
        else if (data.Length > family.MaxSize())
            problems.Add($"size {data.Length} bytes is larger than the {family.MaxSize()} bytes a {family.Describe()} image can be (the MCU's firmware window is 8 KiB)");
        else
        {
            int chunk = family.ChunkSize();
            for (int off = 0; off < data.Length; off += chunk)
            {
                var c = data.AsSpan(off, chunk);
                var fc = new FirmwareChunk(off, chunk, FirmwareCrc.Stored(c), FirmwareCrc.OfChunk(c), c[^4], c[^3]);
                chunks.Add(fc);
                if (!fc.CrcOk)
                    problems.Add($"chunk {off / chunk} (bytes {off}-{off + chunk - 1}) has CRC mismatch: stored 0x{fc.StoredCrc:X4}, computed 0x{fc.ComputedCrc:X4}");
            }
        }
        if (Known is not null && Known.Family != family)
            problems.Add($"this is {Known.Name} ({Known.Origin}), a {Known.Family.Describe()} image, not {family.Describe()} firmware");
        if (data.Length >= 4)
        {
            VersionMajor = data[^4];
            VersionMinor = data[^3];
        }
        Chunks = chunks;
        Problems = problems;
    }

    /// <summary>Checks an image for a family without throwing (rtprobe fw inspect).</summary>
    public static FirmwareImage Inspect(ReadOnlySpan<byte> data, FirmwareFamily family, string source) =>
        new(data.ToArray(), family, source);

    /// <summary>Checks an image and throws RT_ERR_BAD_FIRMWARE naming every problem.</summary>
    public static FirmwareImage Validate(ReadOnlySpan<byte> data, FirmwareFamily family, string source)
    {
        var img = Inspect(data, family, source);
        if (!img.IsValid)
            throw new RtException(RtStatus.BadFirmware,
                $"firmware {source} ({data.Length} bytes) rejected for {family.Describe()}: {string.Join("; ", img.Problems)}");
        return img;
    }

    /// <summary>
    /// The bytes a chip is given: the whole image on PCI; on USB the 4 KiB half its chip id selects
    /// (docs/hardware.md §5.1). A 4096-byte USB file only serves chips that use the lower half.
    /// </summary>
    public ReadOnlyMemory<byte> PayloadFor(uint chipId)
    {
        if (Family != FirmwareFamily.Usb) return _data;
        bool lower = FirmwareFamilies.UsesLowerUsbHalf(chipId);
        if (lower && _data.Length == 4096 && Known is { Name: "rt3071.bin" })
            // Size and CRC are fine, but this is the upper half of rt2870.bin: the wrong code for this chip.
            throw new RtException(RtStatus.BadFirmware,
                $"firmware {Source} is {Known.Name} ({Known.Origin}), the code for RT3071-and-later USB chips (bytes 4096-8191 of rt2870.bin); "
                + $"chip 0x{chipId:X4} runs bytes 0-4095 of rt2870.bin");
        if (lower) return _data.AsMemory(0, 4096);
        if (_data.Length < 8192)
            throw new RtException(RtStatus.BadFirmware,
                $"firmware {Source} ({Size} bytes) does not support detected chipset 0x{chipId:X4}: it needs bytes 4096-8191 of an 8 KiB rt2870.bin");
        return _data.AsMemory(4096, 4096);
    }

    /// <summary>The CRC of the payload a chip runs (what rt_device_info.firmware_crc reports).</summary>
    public ushort PayloadCrc(uint chipId) => FirmwareCrc.Stored(PayloadFor(chipId).Span);

    public string Describe() =>
        $"{Source}: {Size} bytes, version {Version}, SHA-256 {Sha256}"
        + (Known is not null ? $", known as {Known.Name} from {Known.Origin}" : IsOpenImage ? ", the project's open 8051 image" : ", not a known image");
}
